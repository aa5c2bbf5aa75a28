using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CodeFirst.Runtime.Diagnostics;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Server.Metrics;

/// <summary>
/// Collects the "CodeFirst" meter with a <see cref="MeterListener"/> and renders it in the
/// Prometheus text format (0.0.4): counters and histograms of this process, the engine's
/// <see cref="ActiveWorkGauges"/> (cached database counts) and pool slots read at scrape time.
/// prometheus-net is not available here, and this is all /metrics needs.
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    private readonly ActiveWorkGauges? _gauges;
    private readonly Lock _collecting = new();
    private readonly Dictionary<(string Name, string Labels), double> _observed = [];

    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), HistogramState> _histograms = new();
    private readonly ConcurrentDictionary<string, string> _help = new(StringComparer.Ordinal);

    /// <param name="gaugesMaxAge">How old the cached database counts behind the gauges may get before a scrape re-reads them.</param>
    public PrometheusMetrics(Runtime.Engine.CodeFirstEngine engine, TimeSpan gaugesMaxAge)
    {
        _gauges = engine.Store is IMetricsQueries queries ? new ActiveWorkGauges(queries, engine.Time, gaugesMaxAge) : null;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != CodeFirstMetrics.MeterName) return;
            // Observable gauges of another engine in this process (tests host several) are its server's to report.
            if (instrument.IsObservable && instrument.Meter != _gauges?.Meter) return;
            _help[instrument.Name] = instrument.Description ?? instrument.Name;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public async Task<string> RenderAsync(IStore store, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, $"{group.Key}_total", _help.GetValueOrDefault(group.Key, group.Key), "counter");
            foreach (var ((_, labels), value) in group.OrderBy(g => g.Key.Labels, StringComparer.Ordinal))
                Line(text, $"{group.Key}_total", labels, value);
        }
        foreach (var group in _histograms.GroupBy(h => h.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key, _help.GetValueOrDefault(group.Key, group.Key), "histogram");
            foreach (var ((_, labels), state) in group.OrderBy(g => g.Key.Labels, StringComparer.Ordinal))
                state.Render(text, group.Key, labels);
        }
        await RenderGaugesAsync(text, cancellationToken);
        await RenderPoolsAsync(text, store, cancellationToken);
        return text.ToString();
    }

    private async Task RenderGaugesAsync(StringBuilder text, CancellationToken cancellationToken)
    {
        if (_gauges is null) return;
        await _gauges.RefreshAsync(cancellationToken);
        KeyValuePair<(string Name, string Labels), double>[] observed;
        lock (_collecting)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            observed = [.. _observed];
        }
        foreach (var group in observed.GroupBy(o => o.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key, _help.GetValueOrDefault(group.Key, group.Key), "gauge");
            foreach (var ((_, labels), value) in group.OrderBy(g => g.Key.Labels, StringComparer.Ordinal))
                Line(text, group.Key, labels, value);
        }
    }

    private static async Task RenderPoolsAsync(StringBuilder text, IStore store, CancellationToken cancellationToken)
    {
        var pools = await store.ListPoolsAsync(cancellationToken);
        Header(text, "codefirst_pool_slots", "Slots of each pool", "gauge");
        foreach (var pool in pools) Line(text, "codefirst_pool_slots", Labels(("pool", pool.Name)), pool.Slots);
        Header(text, "codefirst_pool_running_slots", "Slots running task instances occupy, per pool", "gauge");
        foreach (var pool in pools) Line(text, "codefirst_pool_running_slots", Labels(("pool", pool.Name)), pool.RunningSlots);
        Header(text, "codefirst_pool_queued_slots", "Slots queued task instances wait for, per pool", "gauge");
        foreach (var pool in pools) Line(text, "codefirst_pool_queued_slots", Labels(("pool", pool.Name)), pool.QueuedSlots);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        if (instrument.IsObservable)
            _observed[(instrument.Name, labels)] = value; // only while RenderGaugesAsync collects, under its lock
        else if (instrument is Histogram<double>)
            _histograms.GetOrAdd((instrument.Name, labels), _ => new HistogramState()).Observe(value);
        else
            _counters.AddOrUpdate((instrument.Name, labels), value, (_, old) => old + value);
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<(string, string)>(tags.Length);
        foreach (var tag in tags) pairs.Add((tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        return Labels([.. pairs]);
    }

    private static string Labels(params (string Name, string Value)[] pairs) =>
        pairs.Length == 0 ? "" : "{" + string.Join(",", pairs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}=\"{Escape(p.Value)}\"")) + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\n", " ", StringComparison.Ordinal)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    public void Dispose()
    {
        _listener.Dispose();
        _gauges?.Dispose();
    }

    private sealed class HistogramState
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private readonly Lock _gate = new();
        private long _count;
        private double _sum;

        public void Observe(double value)
        {
            lock (_gate)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (value <= Buckets[i]) _counts[i]++;
                }
                _count++;
                _sum += value;
            }
        }

        public void Render(StringBuilder text, string name, string labels)
        {
            lock (_gate)
            {
                for (var i = 0; i < Buckets.Length; i++)
                    Line(text, $"{name}_bucket", WithLe(labels, Buckets[i].ToString("R", CultureInfo.InvariantCulture)), _counts[i]);
                Line(text, $"{name}_bucket", WithLe(labels, "+Inf"), _count);
                Line(text, $"{name}_sum", labels, _sum);
                Line(text, $"{name}_count", labels, _count);
            }
        }

        private static string WithLe(string labels, string le) =>
            labels.Length == 0 ? $"{{le=\"{le}\"}}" : $"{labels[..^1]},le=\"{le}\"}}";
    }
}
