using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace WazzupAdmin.Benchmarks;

/// <summary>One part of the report: a heading, a table and what the figures mean.</summary>
public sealed class Section(string title)
{
    public string Title { get; } = title;
    public List<string> Header { get; } = [];
    public List<string[]> Rows { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Tables of the same part that follow this one, under headings of the next level.</summary>
    public List<Section> Subsections { get; } = [];

    public Section Columns(params string[] names)
    {
        Header.AddRange(names);
        return this;
    }

    public void Row(params string[] cells) => Rows.Add(cells);

    public void Note(string text) => Notes.Add(text);

    public void Write(StringBuilder output, int level = 2)
    {
        output.AppendLine(CultureInfo.InvariantCulture, $"{new string('#', level)} {Title}").AppendLine();
        if (Header.Count > 0)
        {
            output.AppendLine("| " + string.Join(" | ", Header) + " |");
            output.AppendLine("|" + string.Join("|", Header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (var row in Rows)
            {
                output.AppendLine("| " + string.Join(" | ", row) + " |");
            }

            output.AppendLine();
        }

        foreach (var note in Notes)
        {
            output.AppendLine(note).AppendLine();
        }

        foreach (var subsection in Subsections)
        {
            subsection.Write(output, level + 1);
        }
    }
}

public static class Machine
{
    /// <summary>The system's load average, which says how much else the cores were doing during the run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static IReadOnlyList<(string Name, string Value)> Describe()
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
            {
                cpu = model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        var ram = "unknown";
        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            if (total is not null && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            {
                ram = $"{kb / 1024.0 / 1024.0:0.0} GiB";
            }
        }

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var sqlite = (string)command.ExecuteScalar()!;

        return
        [
            ("CPU", $"{cpu}, {Environment.ProcessorCount} logical cores"),
            ("RAM", ram),
            ("OS", RuntimeInformation.OSDescription),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("SQLite", sqlite),
            ("Load average at the end (1, 5, 15 min)", LoadAverage()),
            ("Date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        ];
    }
}
