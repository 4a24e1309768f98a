namespace CriterionCheck.Numerics;

/// <summary>
/// Work over data points split into a fixed number of contiguous chunks, run in parallel. Results are
/// combined chunk by chunk in order, so sums do not depend on the number of cores or on scheduling.
/// </summary>
public static class Chunks
{
    /// <summary>How many chunks: fixed, so that the order of floating-point additions is fixed.</summary>
    public const int Count = 16;

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, <paramref name="n"/>) in chunks.</summary>
    public static void For(int n, Action<int, int> body)
    {
        var chunks = Math.Min(Count, Math.Max(1, n));
        Parallel.For(0, chunks, c => body((int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
    }

    /// <summary>Runs <paramref name="body"/> per chunk and returns the chunk results in chunk order.</summary>
    public static T[] Map<T>(int n, Func<int, int, T> body)
    {
        var chunks = Math.Min(Count, Math.Max(1, n));
        var results = new T[chunks];
        Parallel.For(0, chunks, c => results[c] = body((int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
        return results;
    }
}
