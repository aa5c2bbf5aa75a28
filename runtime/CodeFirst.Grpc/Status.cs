namespace CodeFirst.Grpc;

/// <summary>The outcome of a call: a code and a human-readable detail (never null, even for <c>default</c>).</summary>
public readonly record struct Status
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    private readonly string? _detail;

    public Status(StatusCode statusCode, string detail)
    {
        StatusCode = statusCode;
        _detail = detail;
    }

    public StatusCode StatusCode { get; }

    public string Detail => _detail ?? "";

    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
