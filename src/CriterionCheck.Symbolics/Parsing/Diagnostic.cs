using System.Text;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// Formats an error the way every CriterionCheck input error is shown: <c>file:line:column: message</c>,
/// then the source line and a caret under the offending column.
/// </summary>
public static class Diagnostic
{
    // Long lines (a 1 MB line in a spec file) are shown as a window around the error.
    private const int Window = 60;

    /// <summary>The three-line message for <paramref name="message"/> at <paramref name="span"/>.</summary>
    public static string Format(SourceText source, TextSpan span, string message)
    {
        var (line, column) = source.Position(span.Start);
        var text = source.Line(line);
        var caretAt = column - 1;
        var width = Math.Max(1, Math.Min(span.Length, text.Length - caretAt));
        // Lines up to two windows long are shown whole; longer ones are cut to a window each side of the caret.
        if (text.Length > 2 * Window)
        {
            var prefix = "";
            if (caretAt > Window)
            {
                text = text[(caretAt - Window)..];
                caretAt = Window;
                prefix = "…";
            }
            if (text.Length > caretAt + Window) text = text[..(caretAt + Window)] + "…";
            text = prefix + text;
            caretAt += prefix.Length;
        }
        var shown = new StringBuilder(text.Length);
        foreach (var ch in text) shown.Append(char.IsControl(ch) && ch != '\t' ? '?' : ch);
        var caret = new StringBuilder();
        for (var i = 0; i < caretAt && i < shown.Length; i++) caret.Append(shown[i] == '\t' ? '\t' : ' ');
        caret.Append('^');
        if (width > 1) caret.Append('~', Math.Min(width - 1, Window));
        return $"{source.Name}:{line}:{column}: {message}\n  {shown}\n  {caret}";
    }
}
