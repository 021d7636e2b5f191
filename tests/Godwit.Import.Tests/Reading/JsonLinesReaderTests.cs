using Godwit.Import.Reading;

namespace Godwit.Import.Tests.Reading;

public sealed class JsonLinesReaderTests
{
    private static async Task<List<JsonRecord>> ReadAsync(string text, int chunk = int.MaxValue) =>
        await Records.AllAsync(JsonLinesReader.ReadAsync(Records.Utf8(text, chunk), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Blank_lines_are_skipped_and_each_record_keeps_its_physical_line()
    {
        var records = await ReadAsync("{\"id\":1}\n\n   \r\n{\"id\":2}\r\n\t\n{\"id\":3}");

        Assert.Equal([1L, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["1", "2", "3"], records.Select(r => r.Text("id")));
    }

    [Fact]
    public async Task Each_record_knows_its_byte_offset_so_it_can_be_read_again()
    {
        const string text = "\uFEFF{\"a\":\"é\"}\n\n{\"a\":2}\n";
        var records = await ReadAsync(text);

        Assert.Equal([3L, 3 + 11 + 1], records.Select(r => r.Offset));
    }

    [Fact]
    public async Task Records_straddling_every_read_come_out_the_same()
    {
        const string text = "{\"name\":\"日本\",\"n\":[1,2]}\r\n\r\n{\"name\":\"x\"}\n";

        var whole = await ReadAsync(text);
        var trickled = await ReadAsync(text, chunk: 1);

        Assert.Equal(whole.Select(r => (r.Line, r.Fields.ToJsonString())), trickled.Select(r => (r.Line, r.Fields.ToJsonString())));
    }

    [Fact]
    public async Task A_line_longer_than_the_buffer_is_read_whole()
    {
        var big = new string('x', 300_000);

        var records = await ReadAsync($"{{\"a\":1}}\n{{\"big\":\"{big}\"}}\n{{\"a\":3}}\n");

        Assert.Equal(big, records[1].Text("big"));
        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("{\"a\":1}\n[1,2]\n", 2, "array, not an object")]
    [InlineData("{\"a\":1}\n\n\"text\"\n", 3, "string, not an object")]
    [InlineData("{\"a\":1}\n{\"a\":\n", 2, "not valid JSON")]
    [InlineData("{\"a\":1}\n{\"a\":1} {\"b\":2}\n", 2, "not valid JSON")]
    [InlineData("{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}\n", 1, "not valid JSON")]
    [InlineData("{\"a\":1}\nid,email\n", 2, "not valid JSON")]
    public async Task A_line_that_is_not_one_JSON_object_is_refused_naming_it(string text, long line, string message)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_has_no_records()
    {
        Assert.Empty(await ReadAsync(""));
        Assert.Empty(await ReadAsync("\n \n"));
    }
}
