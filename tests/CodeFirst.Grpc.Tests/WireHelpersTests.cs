using CodeFirst.Grpc.Internal.Protocols;
using CodeFirst.Grpc.Tests.Protos;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace CodeFirst.Grpc.Tests;

public sealed class WireHelpersTests
{
    private static readonly ServiceDescriptor EchoService = EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("EchoService");

    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3000)]
    [InlineData("250m", 250)]
    [InlineData("951544u", 951.544)]
    [InlineData("5000000n", 5)]
    [InlineData("99999999S", 99_999_999_000)]
    public void GrpcTimeoutTryParse_ValidValue_ReturnsTimeout(string value, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(milliseconds, timeout.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("100")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("10x")]
    public void GrpcTimeoutTryParse_InvalidValue_ReturnsFalse(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    public void PercentEncodingEncode_Value_EncodesPerGrpcSpec(string value, string expected) =>
        Assert.Equal(expected, PercentEncoding.Encode(value));

    [Fact]
    public void BuilderAddUnary_UnknownMethod_Throws()
    {
        var builder = GrpcServiceDefinition.CreateBuilder(EchoService);

        var error = Assert.Throws<ArgumentException>(() => builder.AddUnary<EchoRequest, EchoReply>("Nope", (_, _) => Task.FromResult(new EchoReply())));

        Assert.Contains("has no method 'Nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderAddUnary_WrongMessageTypes_Throws()
    {
        var builder = GrpcServiceDefinition.CreateBuilder(EchoService);

        var error = Assert.Throws<ArgumentException>(() => builder.AddUnary<WaitRequest, EchoReply>("Echo", (_, _) => Task.FromResult(new EchoReply())));

        Assert.Contains("takes codefirst.test.v1.EchoRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderAddUnary_StreamingMethod_Throws()
    {
        var builder = GrpcServiceDefinition.CreateBuilder(EchoService);

        var error = Assert.Throws<ArgumentException>(() => builder.AddUnary<CountRequest, CountReply>("Count", (_, _) => Task.FromResult(new CountReply())));

        Assert.Contains("is ServerStreaming, not Unary", error.Message, StringComparison.Ordinal);
    }
}
