using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>Connect's error codes, their HTTP statuses, and the JSON error body.</summary>
internal static class ConnectErrors
{
    public static string CodeName(StatusCode code) => code switch
    {
        StatusCode.Cancelled => "canceled",
        StatusCode.Unknown => "unknown",
        StatusCode.InvalidArgument => "invalid_argument",
        StatusCode.DeadlineExceeded => "deadline_exceeded",
        StatusCode.NotFound => "not_found",
        StatusCode.AlreadyExists => "already_exists",
        StatusCode.PermissionDenied => "permission_denied",
        StatusCode.ResourceExhausted => "resource_exhausted",
        StatusCode.FailedPrecondition => "failed_precondition",
        StatusCode.Aborted => "aborted",
        StatusCode.OutOfRange => "out_of_range",
        StatusCode.Unimplemented => "unimplemented",
        StatusCode.Internal => "internal",
        StatusCode.Unavailable => "unavailable",
        StatusCode.DataLoss => "data_loss",
        StatusCode.Unauthenticated => "unauthenticated",
        _ => "unknown",
    };

    public static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Writes <c>{"code":"not_found","message":"…"}</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, Status status)
    {
        writer.WriteStartObject();
        writer.WriteString("code", CodeName(status.StatusCode));
        if (status.Detail.Length > 0)
        {
            writer.WriteString("message", status.Detail);
        }

        writer.WriteEndObject();
    }
}
