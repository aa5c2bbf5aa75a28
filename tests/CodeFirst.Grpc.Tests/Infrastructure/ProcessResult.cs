namespace CodeFirst.Grpc.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
