namespace CodeFirst.MultiProcessDags;

/// <summary>
/// Records every task execution as one file (run, task, try, process) in the folder named by
/// CODEFIRST_TEST_JOURNAL, so a test can prove no try ran twice and see which process ran it.
/// </summary>
public static class Journal
{
    public static void Record(TaskContext ctx, string note = "")
    {
        var folder = Environment.GetEnvironmentVariable("CODEFIRST_TEST_JOURNAL");
        if (string.IsNullOrEmpty(folder)) return;
        var name = $"{ctx.RunId}__{ctx.TaskId}__{ctx.TryNumber}__{Environment.ProcessId}";
        using var file = new FileStream(Path.Combine(folder, Sanitize(name)), FileMode.CreateNew);
        using var writer = new StreamWriter(file);
        writer.Write(note);
    }

    public static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '~'));
}
