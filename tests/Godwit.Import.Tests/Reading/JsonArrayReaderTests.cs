using System.Text;
using Godwit.Import.Reading;

namespace Godwit.Import.Tests.Reading;

public sealed class JsonArrayReaderTests
{
    private static async Task<List<JsonRecord>> ReadAsync(string text, string? property = null, int chunk = int.MaxValue) =>
        await Records.AllAsync(JsonArrayReader.ReadAsync(Records.Utf8(text, chunk), property, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_top_level_array_yields_its_objects_numbered_from_one()
    {
        var records = await ReadAsync("[\n  {\"id\": 1},\n  {\"id\": 2, \"tags\": [\"a\", {\"b\": null}]}\n]\n");

        Assert.Equal([1L, 2], records.Select(r => r.Line));
        Assert.Equal("""["a",{"b":null}]""", records[1].Text("tags"));
    }

    [Fact]
    public async Task A_minified_array_on_one_line_still_numbers_every_record_apart()
    {
        var records = await ReadAsync("""[{"id":1},{"id":2},{"id":3}]""");

        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task The_array_under_a_property_is_found_past_other_properties_of_any_shape()
    {
        const string text = """
            {
              "meta": {"nested": [1, {"users": "not this one"}], "s": "]}"},
              "count": 2,
              "users": [ {"localId": "a"}, {"localId": "b"} ],
              "PaginationToken": {"x": [true]}
            }
            """;

        var records = await ReadAsync(text, "users");

        Assert.Equal(["a", "b"], records.Select(r => r.Text("localId")));
    }

    [Fact]
    public async Task Records_straddling_every_read_come_out_the_same()
    {
        const string text = "\uFEFF{\"skip\":{\"a\":[1,2,\"x\"]},\"users\":[{\"n\":\"日本\"},\n{\"n\":\"é\",\"o\":{\"p\":[]}}],\"after\":null}";

        var whole = await ReadAsync(text, "users");
        var trickled = await ReadAsync(text, "users", chunk: 1);

        Assert.Equal(2, whole.Count);
        Assert.Equal(whole.Select(r => (r.Line, r.Fields.ToJsonString())), trickled.Select(r => (r.Line, r.Fields.ToJsonString())));
    }

    [Fact]
    public async Task An_empty_array_has_no_records()
    {
        Assert.Empty(await ReadAsync("[]"));
        Assert.Empty(await ReadAsync("""{"users": []}""", "users"));
    }

    [Theory]
    [InlineData("[\n{\"a\":1},\n{\"a\":\n]", null, 4, "not valid JSON")]
    [InlineData("[\n{\"a\":1},\n42\n]", null, 3, "element 2 of the array is not an object")]
    [InlineData("{\"users\":[]}", null, 1, "not a JSON array")]
    [InlineData("[{\"a\":1}]", "users", 1, "not a JSON object with a \"users\" array")]
    [InlineData("{\n\"Users\": []\n}", "users", 3, "has no \"users\" property")]
    [InlineData("{\n\"users\": {}\n}", "users", 2, "\"users\" is not an array")]
    [InlineData("[\n{\"a\":1}\n", null, 3, "")]
    [InlineData("[{\"a\":1}]\n[{\"a\":2}]", null, 2, "")]
    [InlineData("", null, 1, "")]
    [InlineData("[{\"e\":1,\"e\":2}]", null, 1, "not valid JSON")]
    public async Task A_file_that_is_not_the_claimed_JSON_is_refused_naming_the_physical_line(string text, string? property, long line, string message)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(text, property));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_far_into_a_large_file_names_its_physical_line()
    {
        var text = new StringBuilder("{\"users\": [\n");
        for (var i = 0; i < 5_000; i++)
        {
            text.Append("  {\"localId\": \"").Append(i).Append("\", \"email\": \"user").Append(i).Append("@example.com\"},\n");
        }

        text.Append("  {\"localId\": oops}\n]}");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(text.ToString(), "users"));

        Assert.Equal(5_002, error.Line);
    }

    [Fact]
    public async Task Two_hundred_thousand_records_are_streamed_rather_than_read_whole()
    {
        const int count = 200_000;
        var stream = new GeneratedExport(count);
        var seen = 0L;
        long producedAtFirst = 0;
        await foreach (var record in JsonArrayReader.ReadAsync(stream, "users", TestContext.Current.CancellationToken))
        {
            if (++seen == 1)
            {
                producedAtFirst = stream.Produced;
            }

            Assert.Equal(seen, record.Line);
        }

        Assert.Equal(count, seen);
        Assert.True(stream.Produced > 20_000_000, $"the export is {stream.Produced} bytes");
        Assert.True(producedAtFirst <= 256 * 1024, $"{producedAtFirst} bytes were read before the first record");
    }

    /// <summary>A Firebase-shaped export written as it is read, so it is never whole in memory here either.</summary>
    private sealed class GeneratedExport(int count) : Stream
    {
        private readonly byte[] pending = new byte[4096];
        private int pendingStart;
        private int pendingEnd;
        private int next = -1;

        public long Produced { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Produced; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            if (pendingStart == pendingEnd && !Refill())
            {
                return 0;
            }

            var n = Math.Min(count1, pendingEnd - pendingStart);
            Array.Copy(pending, pendingStart, buffer, offset, n);
            pendingStart += n;
            Produced += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();

        private bool Refill()
        {
            string text;
            if (next == -1)
            {
                text = "{\"users\": [\n";
            }
            else if (next < count)
            {
                text = $"{(next == 0 ? "" : ",\n")}{{\"localId\":\"u{next:D8}\",\"email\":\"user{next}@example.com\",\"emailVerified\":true,\"displayName\":\"User Number {next}\",\"createdAt\":\"1634567890123\",\"providerUserInfo\":[]}}";
            }
            else if (next == count)
            {
                text = "]}\n";
            }
            else
            {
                return false;
            }

            next++;
            pendingStart = 0;
            pendingEnd = Encoding.UTF8.GetBytes(text, pending);
            return true;
        }
    }
}
