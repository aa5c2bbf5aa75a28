using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.FileLanding;

/// <summary>
/// A file-landing ETL: every hour, wait for partner CSVs in the landing folder, load them, record
/// them as loaded. The wait is a deferrable sensor: while no file has landed the task is
/// <c>deferred</c> and its poke loop runs in the triggerer, holding no worker slot; when a file
/// lands the task resumes with the file list as its XCom value.
/// </summary>
[Dag("file_landing_etl", Schedule = "@hourly", StartDate = "2024-01-01", MaxActiveRuns = 1, Tags = ["example", "sensors"],
     Description = "Loads partner CSV files as they land")]
public sealed partial class FileLandingEtl
{
    [Sensor(PokeInterval = "00:00:30", Timeout = "06:00:00", SoftFail = true, Deferrable = true)]
    public static SensorResult<string[]> WaitForFiles()
    {
        var files = LandingFolder.Pending();
        return files.Length > 0 ? SensorResult.Done(files) : SensorResult<string[]>.NotDone();
    }

    [Task]
    public static async Task<LandedTotals> Load(string[] waitForFiles, ILogger log, CancellationToken ct)
    {
        var rows = 0;
        var amount = 0m;
        foreach (var file in waitForFiles)
        {
            // A header line, then store,amount.
            foreach (var line in (await File.ReadAllLinesAsync(file, ct)).Skip(1).Where(l => l.Length > 0))
            {
                rows++;
                amount += decimal.Parse(line.Split(',')[1], CultureInfo.InvariantCulture);
            }
            log.LogInformation("Loaded {File}", Path.GetFileName(file));
        }
        return new LandedTotals(waitForFiles.Length, rows, amount);
    }

    [Task(After = [nameof(Load)])]
    public static void MarkLoaded(string[] waitForFiles) => LandingFolder.MarkLoaded(waitForFiles);
}
