using CodeFirst.Runtime.Engine;

namespace CodeFirst.Runtime.Tests.Engine;

public sealed class RunFactoryTests
{
    [Theory]
    [InlineData("[1, 2]", "conf must be a JSON object, but it is a JSON array.")]
    [InlineData("\"text\"", "conf must be a JSON object, but it is a JSON string.")]
    public void NormalizeConf_NotAnObject_ThrowsNamingTheKind(string conf, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => RunFactory.NormalizeConf(conf));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void NormalizeConf_InvalidJson_ThrowsSayingSo()
    {
        var error = Assert.Throws<ArgumentException>(() => RunFactory.NormalizeConf("{\"a\": "));
        Assert.StartsWith("conf is not valid JSON:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "{}")]
    [InlineData("  ", "{}")]
    [InlineData("{ \"a\" : 1 }", "{\"a\":1}")]
    public void NormalizeConf_Valid_ReturnsCompactObject(string? conf, string expected) =>
        Assert.Equal(expected, RunFactory.NormalizeConf(conf));

    [Fact]
    public void RunIdFor_Scheduled_UsesAirflowFormat() =>
        Assert.Equal("scheduled__2024-01-01T00:00:00+00:00",
            RunFactory.RunIdFor(CodeFirst.Runtime.Storage.DagRunType.Scheduled, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
