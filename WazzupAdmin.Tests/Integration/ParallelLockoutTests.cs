using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Guesses that arrive together are counted one after another: the lock comes after five checked passwords.</summary>
public sealed class ParallelLockoutTests : IAsyncLifetime
{
    private const string Email = "carmen@wazzup.demo";
    private const int Attempts = 30;
    private readonly CountingPasswordHasher hasher = new();
    private readonly AppFactory app;

    public ParallelLockoutTests()
    {
        app = new AppFactory { TestServices = services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher) };
    }

    [Fact]
    public async Task Thirty_simultaneous_wrong_passwords_check_at_most_five_passwords_and_lock_the_account()
    {
        // Each attempt is its own visitor with its own form token, all loaded first and then posted at once.
        var clients = Enumerable.Range(0, Attempts).Select(_ => app.CreateCookieClient()).ToList();
        try
        {
            var forms = await Task.WhenAll(clients.Select(LoginForm.LoadAsync));
            hasher.Reset();
            using var start = new SemaphoreSlim(0, Attempts);
            var posts = forms.Select(async form =>
            {
                await start.WaitAsync();
                return await form.PostAsync(Email, "wrong-password");
            }).ToList();
            start.Release(Attempts);
            var responses = await Task.WhenAll(posts);

            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)r.StatusCode}"));
            Assert.InRange(hasher.Verifications, 1, 5);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        using var client = app.CreateCookieClient();
        using var right = await AppFactory.SubmitLoginFormAsync(client, Email, DemoWorkspace.UserPassword);
        Assert.Equal("/Account/Lockout", new Uri(client.BaseAddress!, right.Headers.Location!).AbsolutePath);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>The real hasher, counting how many passwords it is asked to check.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public void Reset() => Interlocked.Exchange(ref verifications, 0);

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
