namespace CodeFirst.Triggers;

/// <summary>
/// Fires when a file matching <see cref="Pattern"/> (a file-name glob such as <c>*.csv</c>) exists in
/// <see cref="Folder"/> (Airflow's <c>FileTrigger</c>/<c>FileSensor</c>). A FileSystemWatcher wakes it
/// at once; polling every <see cref="PollInterval"/> covers what watchers miss (network shares,
/// containers, a folder that does not exist yet). The payload is the matching paths, sorted.
/// </summary>
public sealed class FileTrigger(string folder, string pattern = "*", bool recursive = false, TimeSpan? pollInterval = null) : Trigger
{
    /// <summary>For System.Text.Json: the stored trigger, rebuilt in the triggerer.</summary>
    [System.Text.Json.Serialization.JsonConstructor]
    public FileTrigger(string folder, string pattern, bool recursive, TimeSpan pollInterval) : this(folder, pattern, recursive, (TimeSpan?)pollInterval)
    {
    }

    public string Folder { get; } = folder;
    public string Pattern { get; } = pattern;
    public bool Recursive { get; } = recursive;
    public TimeSpan PollInterval { get; } = pollInterval ?? TimeSpan.FromSeconds(5);

    /// <summary>The matching files now: a one-shot check a poke-mode <c>[Sensor]</c> can return (<c>Count &gt; 0</c>).</summary>
    public IReadOnlyList<string> Matches()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, Pattern, Recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal).ToList();
    }

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var changed = new SemaphoreSlim(0);
        using var watcher = TryWatch(() => changed.Release());
        while (true)
        {
            var matches = Matches();
            if (matches.Count > 0) return TriggerEvent.Of(matches);
            try
            {
                await changed.WaitAsync(PollInterval, cancellationToken);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private FileSystemWatcher? TryWatch(Action changed)
    {
        try
        {
            if (!Directory.Exists(Folder)) return null;
            var watcher = new FileSystemWatcher(Folder, Pattern) { IncludeSubdirectories = Recursive };
            watcher.Created += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.Changed += (_, _) => changed();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            return null; // Polling alone still finds the file.
        }
    }
}
