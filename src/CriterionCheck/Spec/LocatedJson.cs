using System.Text;
using System.Text.Json;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Spec;

/// <summary>
/// A JSON tree that remembers where each value starts in its source text (System.Text.Json's DOM does
/// not), so that files users give alongside a spec — parameters, certificates — get the same
/// <c>file:line:column</c> diagnostics as spec files.
/// </summary>
public sealed class LocatedJson
{
    /// <summary>The kind of value.</summary>
    public JsonValueKind Kind { get; private init; }

    /// <summary>The character offset where the value starts.</summary>
    public int Offset { get; private init; }

    /// <summary>The length of the value's first token in characters (a bracket for arrays and objects).</summary>
    public int Length { get; private init; }

    /// <summary>The value of a number.</summary>
    public double Number { get; private init; }

    /// <summary>The text of a string.</summary>
    public string Text { get; private init; } = "";

    /// <summary>The items of an array.</summary>
    public List<LocatedJson> Items { get; } = [];

    /// <summary>The members of an object, in file order.</summary>
    public List<(string Key, int KeyOffset, LocatedJson Value)> Members { get; } = [];

    /// <summary>The span of this value's first token.</summary>
    public TextSpan Span => new(Offset, Math.Max(1, Length));

    /// <summary>The member named <paramref name="key"/>, or null.</summary>
    public LocatedJson? Member(string key) => Members.FirstOrDefault(m => m.Key == key).Value;

    /// <summary>A short description for messages: "an array of 3", "a string", ….</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.Array => $"an array of {Items.Count}",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Parses <paramref name="source"/> (comments and trailing commas allowed).</summary>
    /// <param name="source">The text.</param>
    /// <param name="expected">What the file should hold, for the message when it is empty.</param>
    /// <exception cref="SpecException">Empty, malformed, or followed by more text (located in <paramref name="source"/>).</exception>
    public static LocatedJson Parse(SourceText source, string expected)
    {
        if (source.Text.Trim().Length == 0) throw new SpecException($"the file is empty; expected {expected}", new TextSpan(0, 1)).In(source);
        var bytes = Encoding.UTF8.GetBytes(source.Text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        try
        {
            if (!reader.Read()) throw new SpecException($"the file is empty; expected {expected}", new TextSpan(0, 1)).In(source);
            var node = Read(ref reader, bytes, source);
            if (reader.Read()) throw new SpecException("unexpected text after the JSON value", new TextSpan(CharOffset(bytes, (int)reader.TokenStartIndex), 1)).In(source);
            return node;
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(source, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            var message = e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ');
            throw new SpecException($"not valid JSON: {message}", new TextSpan(offset, 1)).In(source);
        }
    }

    private static int OffsetOf(SourceText source, int line, int column)
    {
        var offset = 0;
        for (var i = 0; i < line && offset < source.Text.Length; i++)
        {
            var next = source.Text.IndexOf('\n', offset);
            offset = next < 0 ? source.Text.Length : next + 1;
        }
        return Math.Min(source.Text.Length, offset + column);
    }

    private static LocatedJson Read(ref Utf8JsonReader reader, byte[] bytes, SourceText source)
    {
        var start = CharOffset(bytes, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new LocatedJson { Kind = JsonValueKind.Object, Offset = start, Length = 1 };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyOffset = CharOffset(bytes, (int)reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    // JSON readers disagree on a repeated name (the first or the last value wins): refuse it, so
                    // that what is checked is what every reader of the file sees.
                    if (node.Members.Any(m => m.Item1 == key))
                        throw new SpecException($"\"{key}\" appears twice in this object; JSON readers disagree on which value counts", new TextSpan(keyOffset, key.Length + 2)).In(source);
                    reader.Read();
                    node.Members.Add((key, keyOffset, Read(ref reader, bytes, source)));
                }
                return node;
            }
            case JsonTokenType.StartArray:
            {
                var node = new LocatedJson { Kind = JsonValueKind.Array, Offset = start, Length = 1 };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) node.Items.Add(Read(ref reader, bytes, source));
                return node;
            }
            case JsonTokenType.Number:
                return new LocatedJson { Kind = JsonValueKind.Number, Offset = start, Length = reader.ValueSpan.Length, Number = reader.GetDouble(), Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.String:
                return new LocatedJson { Kind = JsonValueKind.String, Offset = start, Length = reader.ValueSpan.Length + 2, Text = reader.GetString()! };
            case JsonTokenType.True: return new LocatedJson { Kind = JsonValueKind.True, Offset = start, Length = 4 };
            case JsonTokenType.False: return new LocatedJson { Kind = JsonValueKind.False, Offset = start, Length = 5 };
            default: return new LocatedJson { Kind = JsonValueKind.Null, Offset = start, Length = 4 };
        }
    }

    private static int CharOffset(byte[] bytes, int byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, byteOffset);
}
