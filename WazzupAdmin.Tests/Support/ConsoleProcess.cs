using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace WazzupAdmin.Tests.Support;

/// <summary>
/// The built console (<c>WazzupAdmin.dll</c>, which the project reference copies beside the test assembly) run as a real
/// child process with <c>dotnet</c>, configured only through environment variables, as an operator would run it. What it
/// writes on standard output and error is kept, for the assertion messages of the test that started it. Disposing it
/// kills it if it still runs.
/// </summary>
public sealed class ConsoleProcess : IDisposable
{
    private const int KeptOutput = 20_000;

    private readonly Process process;
    private readonly StringBuilder output;
    private bool disposed;

    private ConsoleProcess(Process process, StringBuilder output)
    {
        this.process = process;
        this.output = output;
    }

    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "WazzupAdmin.dll");

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the process wrote so far, both streams interleaved (the last part when it wrote a lot).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.Length <= KeptOutput ? output.ToString() : "…" + output.ToString(output.Length - KeptOutput, KeptOutput);
            }
        }
    }

    /// <summary>Starts <c>dotnet WazzupAdmin.dll <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static ConsoleProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(AppDll))
        {
            throw new InvalidOperationException($"The built console is missing: {AppDll}. Build the solution (dotnet build) first.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // What the test runner's own environment may carry must not decide where the child listens or what it reads.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        void Keep(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ConsoleProcess(process, output);
    }

    /// <summary>Waits for the process to end on its own; fails, with its output, if it does not within <paramref name="patience"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"The console did not end within {patience}. Its output:\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>Waits until <c>/health</c> answers 200; fails, with the output, if the process ends or the time runs out first.</summary>
    public async Task WaitUntilHealthyAsync(Uri address, TimeSpan patience)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The console ended (exit code {process.ExitCode}) before it answered /health. Its output:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The console did not answer /health within {patience}. Its output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Ends the process at once, without letting it stop (SIGKILL on Unix, as <c>kill -9</c>), and waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }

        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Kill();
        process.Dispose();
    }

    /// <summary>A port of 127.0.0.1 that nothing listens on now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The dotnet host running the tests: the SDK names it in DOTNET_HOST_PATH; otherwise the host this runtime came with
    /// (the runtime lives in <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>); otherwise <c>dotnet</c> on the PATH.
    /// </summary>
    private static string DotnetHost()
    {
        var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } named && File.Exists(named))
        {
            return named;
        }

        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == executable)
        {
            return current;
        }

        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, executable);
        return File.Exists(beside) ? beside : executable;
    }
}
