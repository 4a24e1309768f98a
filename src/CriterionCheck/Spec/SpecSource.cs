using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Spec;

/// <summary>Loads spec text from bytes: strict UTF-8 (an invalid byte is an error at its line and column), BOM dropped.</summary>
public static class SpecSource
{
    /// <summary>The largest spec file accepted.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>, named by <paramref name="path"/> in messages.</summary>
    /// <exception cref="SpecException">Invalid UTF-8 or an oversized file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SourceText Load(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
            throw new SpecException($"the file is {info.Length} bytes; spec files are limited to {MaxBytes} bytes", default(TextSpan)).In(new SourceText(path, ""));
        return FromBytes(path, File.ReadAllBytes(path));
    }

    /// <summary>Decodes <paramref name="bytes"/> named <paramref name="name"/>.</summary>
    /// <exception cref="SpecException">The bytes are not valid UTF-8.</exception>
    public static SourceText FromBytes(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new SourceText(name, new string(chars, 0, written));
        // Show the text decoded leniently; up to the bad byte it is identical, so the column is right.
        var shown = new SourceText(name, Encoding.UTF8.GetString(bytes));
        throw new SpecException($"invalid UTF-8: byte 0x{bytes[read]:X2} at byte offset {read} cannot be decoded; save the file as UTF-8",
            new TextSpan(written, 1)).In(shown);
    }
}
