namespace CodeFirst.Generators.Tests;

public sealed class SnakeCaseTests
{
    [Theory]
    [InlineData("Extract", "extract")]
    [InlineData("LoadToDb", "load_to_db")]
    [InlineData("HTTPCall", "http_call")]
    [InlineData("GetHTTPResponseCode", "get_http_response_code")]
    [InlineData("Load2Db", "load2_db")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("Load_ToDb", "load_to_db")]
    [InlineData("A", "a")]
    [InlineData("IO", "io")]
    public void Convert_MethodName_ReturnsAirflowStyleId(string name, string expected)
    {
        Assert.Equal(expected, SnakeCase.Convert(name));
    }
}
