using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

internal sealed record LogEntry(LogLevel Level, string Message, int EventId);
