using System.Threading.Channels;

namespace CodeFirst.Runtime.Engine;

/// <summary>
/// An in-process wake-up: many <see cref="Set"/> calls before a wait coalesce into one, and a
/// set that happens while nobody waits is not lost.
/// </summary>
public sealed class WorkSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => _channel.Writer.TryWrite(true);

    /// <summary>Waits until set or until <paramref name="timeout"/> passes; true when set.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out _)) return true;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
