using Godwit.Import.Reading;

namespace Godwit.Import.Tests.Reading;

public sealed class CsvReaderTests
{
    private static async Task<List<TextRecord>> ReadAsync(string csv, int chunk = int.MaxValue) =>
        await Records.AllAsync(CsvReader.ReadAsync(Records.Utf8(csv, chunk), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var rows = await ReadAsync("id,note,name\r\n1,\"a, b\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\nhere\",\"\"\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("a, b", rows[0].Fields["note"]);
        Assert.Equal("say \"hi\"", rows[0].Fields["name"]);
        Assert.Equal("two\r\nlines\nhere", rows[1].Fields["note"]);
        Assert.Equal("", rows[1].Fields["name"]);
    }

    [Fact]
    public async Task A_record_is_numbered_by_the_physical_line_it_starts_on()
    {
        var rows = await ReadAsync("id,note\n1,\"x\ny\nz\"\n\n2,plain\r\n3,\"\"\"\nq\"");

        Assert.Equal([2L, 6, 7], rows.Select(r => r.Line));
        Assert.Equal("\"\nq", rows[2].Fields["note"]);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_the_last_record_needs_no_line_break()
    {
        var rows = await ReadAsync("\n\nid,email\n\n1,a@example.com\n\n\n2,b@example.com");

        Assert.Equal(["1", "2"], rows.Select(r => r.Fields["id"]));
        Assert.Equal([5L, 8], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task Empty_fields_at_either_end_of_a_record_are_fields()
    {
        var rows = await ReadAsync("a,b,c\n,x,\n,,\n");

        Assert.Equal(["", "x", ""], new[] { "a", "b", "c" }.Select(k => rows[0].Fields[k]));
        Assert.Equal(["", "", ""], new[] { "a", "b", "c" }.Select(k => rows[1].Fields[k]));
    }

    [Fact]
    public async Task Records_straddling_every_read_come_out_the_same()
    {
        const string csv = "\uFEFFid,note\r\n1,\"a,\"\"b\"\"\r\nc\"\r\n2,é日本\r\n";

        var whole = await ReadAsync(csv);
        var trickled = await ReadAsync(csv, chunk: 1);

        Assert.Equal(whole.Select(r => (r.Line, r.Fields["id"], r.Fields["note"])), trickled.Select(r => (r.Line, r.Fields["id"], r.Fields["note"])));
        Assert.Equal("a,\"b\"\r\nc", whole[0].Fields["note"]);
        Assert.Equal("é日本", whole[1].Fields["note"]);
    }

    [Fact]
    public async Task Header_names_are_trimmed_and_a_byte_order_mark_is_not_part_of_the_first()
    {
        var rows = await ReadAsync("\uFEFF id , email \n1,a@example.com\n");

        Assert.Equal("1", rows[0].Fields["id"]);
        Assert.Equal("a@example.com", rows[0].Fields["email"]);
    }

    [Theory]
    [InlineData("id,email\n1,a@example.com\n2\n", 3, "has 1 fields but the header has 2")]
    [InlineData("id,email\n1,a@example.com,extra\n", 2, "has 3 fields but the header has 2")]
    [InlineData("id,note\n1,ok\n2,\"never closed\n3,x\n", 3, "never closed")]
    [InlineData("id,note\n1,ok\n2,say \"hi\"\n", 3, "double quote inside an unquoted field")]
    [InlineData("id,note\n1,\"quoted\" trailing\n", 2, "after a closing quote")]
    [InlineData("id,id\n1,2\n", 1, "twice")]
    [InlineData("id,,x\n1,2,3\n", 1, "no name")]
    [InlineData("", 1, "empty")]
    [InlineData("\n\n", 1, "empty")]
    public async Task A_file_that_is_not_RFC_4180_CSV_is_refused_naming_the_line(string csv, long line, string message)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(csv));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF_8_is_refused_rather_than_garbled()
    {
        var latin1 = new byte[] { (byte)'i', (byte)'d', (byte)'\n', (byte)'J', 0xE9, (byte)'r', 0xF4, (byte)'m', 0xE9, (byte)'\n' };

        var error = await Assert.ThrowsAsync<ImportFormatException>(() =>
            Records.AllAsync(CsvReader.ReadAsync(new MemoryStream(latin1), TestContext.Current.CancellationToken)));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_left_open_fails_once_the_record_passes_a_megabyte_instead_of_reading_the_whole_file()
    {
        var csv = "id,note\n1,\"open\n" + string.Concat(Enumerable.Repeat("2,more text that never ends the quote\n", 40_000));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(csv));

        Assert.Equal(2, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_left_open_in_a_large_file_fails_before_the_rest_of_the_file_is_read()
    {
        var csv = "id,note\n1,\"open\n" + string.Concat(Enumerable.Repeat("2,more text that never ends the quote\n", 500_000));
        var stream = new ClosedWhere(System.Text.Encoding.UTF8.GetBytes(csv));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() =>
            Records.AllAsync(CsvReader.ReadAsync(stream, TestContext.Current.CancellationToken)));

        Assert.Equal(2, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.True(stream.ReadWhenClosed < stream.Size / 2, $"read {stream.ReadWhenClosed:N0} of {stream.Size:N0} bytes");
    }

    /// <summary>Remembers how far it had been read when the reader closed it.</summary>
    private sealed class ClosedWhere(byte[] bytes) : MemoryStream(bytes)
    {
        public long Size { get; } = bytes.Length;

        public long ReadWhenClosed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ReadWhenClosed = Position;
            }

            base.Dispose(disposing);
        }
    }
}
