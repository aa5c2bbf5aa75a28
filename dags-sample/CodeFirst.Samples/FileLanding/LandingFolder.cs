namespace CodeFirst.Samples.FileLanding;

/// <summary>
/// Where partners drop CSV files (<c>CODEFIRST_LANDING_DIR</c>, else the sample's shipped
/// <c>data/landing</c>) and the ledger of files already loaded (under <c>.codefirst/</c> in the
/// working directory), so a file is loaded once even though it stays where it landed.
/// </summary>
public static class LandingFolder
{
    public static string Path => Environment.GetEnvironmentVariable("CODEFIRST_LANDING_DIR") is { Length: > 0 } dir
        ? dir
        : System.IO.Path.Combine(AppContext.BaseDirectory, "data", "landing");

    private static string Ledger => System.IO.Path.Combine(".codefirst", "landing-ledger.txt");

    /// <summary>CSV files in the folder that were never loaded, sorted.</summary>
    public static string[] Pending()
    {
        var loaded = File.Exists(Ledger) ? File.ReadAllLines(Ledger).ToHashSet(StringComparer.Ordinal) : [];
        return new CodeFirst.Triggers.FileTrigger(Path, "*.csv").Matches().Where(f => !loaded.Contains(f)).ToArray();
    }

    public static void MarkLoaded(IEnumerable<string> files)
    {
        Directory.CreateDirectory(".codefirst");
        File.AppendAllLines(Ledger, files);
    }
}
