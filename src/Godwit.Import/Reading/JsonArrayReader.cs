using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Import.Reading;

/// <summary>
/// Streams the objects of a JSON array, either the whole file (<c>[...]</c>) or the array under one
/// top-level property (Firebase's <c>{"users": [...]}</c>, Cognito's <c>{"Users": [...]}</c>), holding
/// one record in memory at a time.
/// </summary>
/// <remarks>
/// A record's line is its 1-based position in the array, not a physical line: a minified export puts
/// every record on one line, and the import's checkpoint needs each record's number to be distinct and
/// increasing. Format errors name the physical line, where an editor finds them.
/// </remarks>
internal static class JsonArrayReader
{
    public static async IAsyncEnumerable<JsonRecord> ReadAsync(string path, string? arrayProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = ByteWindow.OpenRead(path);
        await foreach (var record in ReadAsync(stream, arrayProperty, cancellationToken))
        {
            yield return record;
        }
    }

    public static async IAsyncEnumerable<JsonRecord> ReadAsync(Stream stream, string? arrayProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = new ByteWindow(stream);
        var scan = new Scan(arrayProperty);
        await window.FillAsync(1, cancellationToken);
        while (true)
        {
            var step = scan.Next(window, out var fields);
            if (step == Step.Record)
            {
                yield return new JsonRecord(scan.Records, fields!) { End = window.Offset };
            }
            else if (step == Step.End)
            {
                yield break;
            }
            else if (window.Exhausted)
            {
                throw new ImportFormatException(scan.Line, "the file ends before the JSON does.");
            }
            else
            {
                await window.FillAsync(scan.Line, cancellationToken);
            }
        }
    }

    private enum Step
    {
        NeedMore,
        Record,
        End,
    }

    private enum Phase
    {
        Start,
        BeforeArray,
        Elements,
        AfterArray,
        Trailer,
    }

    /// <summary>
    /// Where the scan is. Utf8JsonReader is a ref struct that cannot live across an await, so each
    /// step makes a new one from the state saved at the last complete token, and a step that runs out
    /// of bytes is simply repeated once the window holds more.
    /// </summary>
    private sealed class Scan(string? arrayProperty)
    {
        private readonly byte[]? property = arrayProperty is null ? null : Encoding.UTF8.GetBytes(arrayProperty);
        private JsonReaderState state;
        private Phase phase;

        /// <summary>Physical line (1-based) of the last complete token's end: the window's start between steps.</summary>
        public long Line { get; private set; } = 1;

        /// <summary>Records yielded so far.</summary>
        public long Records { get; private set; }

        public Step Next(ByteWindow window, out JsonObject? record)
        {
            record = null;
            var data = window.Data;
            var reader = new Utf8JsonReader(data, window.Exhausted, state);
            var committed = 0;
            try
            {
                while (true)
                {
                    if (!reader.Read())
                    {
                        return Finish(window, committed, window.Exhausted && phase == Phase.Trailer ? Step.End : Step.NeedMore);
                    }

                    switch (phase)
                    {
                        case Phase.Start when reader.TokenType == JsonTokenType.StartArray && property is null:
                            phase = Phase.Elements;
                            break;
                        case Phase.Start when reader.TokenType == JsonTokenType.StartObject && property is not null:
                            phase = Phase.BeforeArray;
                            break;
                        case Phase.Start:
                            throw Unexpected(data, committed, ref reader, property is null
                                ? "the file is not a JSON array."
                                : $"the file is not a JSON object with a \"{arrayProperty}\" array.");
                        case Phase.BeforeArray when reader.TokenType == JsonTokenType.EndObject:
                            throw Unexpected(data, committed, ref reader, $"the object has no \"{arrayProperty}\" property.");
                        case Phase.BeforeArray:
                            var wanted = reader.ValueTextEquals(property);
                            if (!reader.Read() || (!wanted && !reader.TrySkip()))
                            {
                                return Finish(window, committed, Step.NeedMore);
                            }

                            if (wanted && reader.TokenType != JsonTokenType.StartArray)
                            {
                                throw Unexpected(data, committed, ref reader, $"\"{arrayProperty}\" is not an array.");
                            }

                            phase = wanted ? Phase.Elements : Phase.BeforeArray;
                            break;
                        case Phase.Elements when reader.TokenType == JsonTokenType.EndArray:
                            phase = property is null ? Phase.Trailer : Phase.AfterArray;
                            break;
                        case Phase.Elements when reader.TokenType == JsonTokenType.StartObject:
                            var start = (int)reader.TokenStartIndex;
                            if (!reader.TrySkip())
                            {
                                return Finish(window, committed, Step.NeedMore);
                            }

                            var startLine = Line + data[committed..start].Count((byte)'\n');
                            record = (JsonObject)JsonText.Parse(data[start..(int)reader.BytesConsumed], startLine)!;
                            Records++;
                            Commit(ref reader, ref committed, data);
                            return Finish(window, committed, Step.Record);
                        case Phase.Elements:
                            throw Unexpected(data, committed, ref reader, $"element {Records + 1} of the array is not an object.");
                        case Phase.AfterArray when reader.TokenType == JsonTokenType.EndObject:
                            phase = Phase.Trailer;
                            break;
                        case Phase.AfterArray:
                            if (!reader.Read() || !reader.TrySkip())
                            {
                                return Finish(window, committed, Step.NeedMore);
                            }

                            break;
                        default:
                            throw Unexpected(data, committed, ref reader, "there is more after the end of the JSON.");
                    }

                    Commit(ref reader, ref committed, data);
                }
            }
            catch (JsonException exception)
            {
                // The reader state carries the line count across windows, so this line is absolute.
                throw new ImportFormatException((exception.LineNumber ?? 0) + 1, $"is not valid JSON: {JsonText.Describe(exception)}");
            }
        }

        private void Commit(ref Utf8JsonReader reader, ref int committed, ReadOnlySpan<byte> data)
        {
            var consumed = (int)reader.BytesConsumed;
            Line += data[committed..consumed].Count((byte)'\n');
            committed = consumed;
            state = reader.CurrentState;
        }

        private static Step Finish(ByteWindow window, int committed, Step step)
        {
            window.Advance(committed);
            return step;
        }

        private ImportFormatException Unexpected(ReadOnlySpan<byte> data, int committed, ref Utf8JsonReader reader, string message) =>
            new(Line + data[committed..(int)reader.TokenStartIndex].Count((byte)'\n'), message);
    }
}
