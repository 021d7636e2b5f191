using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class MetadataTests
{
    [Fact]
    public void Merging_replaces_and_adds_top_level_keys_and_keeps_the_others()
    {
        var merged = Metadata.Merge("""{"a":1,"b":"keep"}""", Object("""{"a":2,"c":[1,2]}"""));

        AssertJson("""{"a":2,"b":"keep","c":[1,2]}""", merged);
    }

    [Fact]
    public void A_null_value_deletes_its_key_and_a_missing_key_stays_missing()
    {
        var merged = Metadata.Merge("""{"a":1,"b":2}""", Object("""{"a":null,"zzz":null}"""));

        AssertJson("""{"b":2}""", merged);
    }

    [Fact]
    public void Merging_is_shallow_so_a_nested_object_is_replaced_whole()
    {
        var merged = Metadata.Merge("""{"n":{"x":1,"y":2}}""", Object("""{"n":{"y":3}}"""));

        AssertJson("""{"n":{"y":3}}""", merged);
    }

    [Fact]
    public void Merging_an_empty_update_changes_nothing()
    {
        AssertJson("""{"a":{"b":[true,null]}}""", Metadata.Merge("""{"a":{"b":[true,null]}}""", []));
    }

    [Fact]
    public void Metadata_given_at_creation_drops_null_values()
    {
        AssertJson("""{"kept":0}""", Metadata.FromCreate(Object("""{"dropped":null,"kept":0}""")));
        Assert.Equal("{}", Metadata.FromCreate(null));
    }

    [Fact]
    public void The_limit_is_4096_bytes_of_utf8_not_characters()
    {
        var ascii = $$"""{"k":"{{new string('a', 4096 - 8)}}"}""";
        var multiByte = $$"""{"k":"{{new string('é', 2100)}}"}""";

        Assert.Equal(4096, System.Text.Encoding.UTF8.GetByteCount(ascii));
        Assert.True(Metadata.FitsLimit(ascii));
        Assert.False(Metadata.FitsLimit(ascii.Replace("\"}", "a\"}", StringComparison.Ordinal)));
        Assert.True(multiByte.Length < 4096);
        Assert.False(Metadata.FitsLimit(multiByte));
    }

    private static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actualDocument.RootElement), $"expected {expected}, got {actual}");
    }
}
