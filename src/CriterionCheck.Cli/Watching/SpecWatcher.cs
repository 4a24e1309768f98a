namespace CriterionCheck.Cli.Watching;

/// <summary>
/// Waits for saves to spec files: a file is watched by name in its folder, a folder for <c>*.model</c>
/// anywhere below it. One save raises several file-system events (truncate, write, rename into place
/// for editors that save atomically), so a change counts only once no further event has arrived for
/// the debounce interval: one save, one re-check.
/// </summary>
public sealed class SpecWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly SemaphoreSlim signal = new(0);
    private readonly TimeSpan debounce;
    private readonly Lock gate = new();
    private long events;
    private string? lastPath;

    /// <summary>Watches <paramref name="paths"/> (spec files or folders, which must exist).</summary>
    public SpecWatcher(IEnumerable<string> paths, TimeSpan debounce)
    {
        this.debounce = debounce;
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var watcher = Directory.Exists(full)
                ? new FileSystemWatcher(full, "*.model") { IncludeSubdirectories = true }
                : new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full));
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime;
            watcher.Changed += (_, e) => Seen(e.FullPath);
            watcher.Created += (_, e) => Seen(e.FullPath);
            watcher.Deleted += (_, e) => Seen(e.FullPath);
            watcher.Renamed += (_, e) => Seen(e.FullPath);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    /// <summary>
    /// Blocks until a change has settled and returns the path of its last event, or null when
    /// <paramref name="cancel"/> fires first.
    /// </summary>
    public string? WaitForChange(CancellationToken cancel)
    {
        try
        {
            signal.Wait(cancel);
            while (true)
            {
                var before = Interlocked.Read(ref events);
                if (cancel.WaitHandle.WaitOne(debounce)) return null;
                if (Interlocked.Read(ref events) == before) break;
            }
            while (signal.CurrentCount > 0) signal.Wait(0); // the settled burst counts once
            lock (gate) return lastPath;
        }
        catch (OperationCanceledException) { return null; }
    }

    private void Seen(string path)
    {
        lock (gate) lastPath = path;
        Interlocked.Increment(ref events);
        signal.Release();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var w in watchers) w.Dispose();
        signal.Dispose();
    }
}
