namespace WazzupAdmin.Benchmarks;

/// <summary>Latency samples in milliseconds.</summary>
public sealed class Samples
{
    private readonly List<double> values = [];
    private readonly Lock gate = new();

    public int Count => values.Count;

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            values.Add(milliseconds);
        }
    }

    public void AddRange(IEnumerable<double> milliseconds)
    {
        lock (gate)
        {
            values.AddRange(milliseconds);
        }
    }

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        lock (gate)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    public double P50 => Percentile(50);
    public double P95 => Percentile(95);
    public double P99 => Percentile(99);

    public static string Ms(double value) => double.IsNaN(value) ? "–" : value < 10 ? $"{value:0.00}" : $"{value:0.0}";
}
