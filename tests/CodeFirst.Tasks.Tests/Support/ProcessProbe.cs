namespace CodeFirst.Tasks.Tests;

internal static class ProcessProbe
{
    /// <summary>True while <paramref name="pid"/> runs; a zombie (killed, not yet reaped by init) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        // The state follows the parenthesised command name, which may itself contain ") ".
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    public static async Task<int> ReadPidAsync(string file, TimeSpan timeout)
    {
        await Poll.UntilAsync(() => File.Exists(file) && File.ReadAllText(file).EndsWith('\n'), timeout, $"pid file {file}");
        return int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
