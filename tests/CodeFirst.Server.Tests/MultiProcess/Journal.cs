namespace CodeFirst.Server.Tests.MultiProcess;

/// <summary>Reads what the test DAGs recorded: one file per executed try, named run__task__try__pid.</summary>
internal sealed class JournalFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("codefirst-journal-").FullName;

    public IReadOnlyList<(string Run, string Task, int Try, int Pid)> Entries() =>
        Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Select(name =>
        {
            var parts = name!.Split("__");
            // Run ids contain "__" themselves (manual__…): the last three parts are task, try and pid.
            return (string.Join("__", parts[..^3]), parts[^3], int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
