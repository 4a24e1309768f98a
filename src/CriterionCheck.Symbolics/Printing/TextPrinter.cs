using System.Globalization;
using System.Text;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// Plain text in the expression language itself: the output parses back to an equal expression. The
/// one shorthand is an inverse entry or log-determinant of a covariance slice, shown as
/// <c>inv[1,2](Sigma[c])</c>; <see cref="PrintExplicit"/> lists the matrix instead, so that it parses.
/// </summary>
public static class TextPrinter
{
    /// <summary>The text of <paramref name="e"/>.</summary>
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, Layout.Of(e));
        return sb.ToString();
    }

    /// <summary>
    /// The text of <paramref name="e"/> with every matrix function's entries listed,
    /// <c>inv[1,2](matrix(S[1,1], S[1,2], S[1,2], S[2,2]))</c>: what machine-readable output writes.
    /// </summary>
    public static string PrintExplicit(Expr e)
    {
        var before = Layout.Explicit;
        Layout.Explicit = true;
        try { return Print(e); }
        finally { Layout.Explicit = before; }
    }

    private static void Write(StringBuilder sb, Layout layout, Precedence required = Precedence.Sum)
    {
        if (layout.Precedence < required)
        {
            sb.Append('(');
            Write(sb, layout);
            sb.Append(')');
            return;
        }
        switch (layout)
        {
            case LInteger i: sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case LName n:
                sb.Append(n.Name);
                WriteList(sb, n.Indices, "[", "]");
                break;
            case LSum s:
                for (var k = 0; k < s.Items.Length; k++)
                {
                    var (negative, term) = s.Items[k];
                    sb.Append(k == 0 ? (negative ? "-" : "") : (negative ? " - " : " + "));
                    Write(sb, term, Precedence.Product);
                }
                break;
            case LNegate n:
                sb.Append('-');
                Write(sb, n.Operand, Precedence.Product);
                break;
            case LProduct p:
                for (var k = 0; k < p.Factors.Length; k++)
                {
                    if (k > 0) sb.Append('*');
                    Write(sb, p.Factors[k], Precedence.Power);
                }
                break;
            case LFraction f:
                if (f.Numerator.IsEmpty) sb.Append('1');
                for (var k = 0; k < f.Numerator.Length; k++)
                {
                    if (k > 0) sb.Append('*');
                    Write(sb, f.Numerator[k], Precedence.Power);
                }
                sb.Append('/');
                if (f.Denominator is [LInteger q, LSum sum])
                {
                    // "1/(6*(y + 1))" would read back as 1/(6*y + 6): a number times a lone sum distributes.
                    Write(sb, q);
                    sb.Append('/');
                    Write(sb, sum, Precedence.Atom);
                }
                else if (f.Denominator.Length == 1) Write(sb, f.Denominator[0], Precedence.Power);
                else Write(sb, new LProduct(f.Denominator), Precedence.Atom);
                break;
            case LPower p:
                Write(sb, p.Base, Precedence.Atom);
                sb.Append('^');
                Write(sb, p.Exponent, Precedence.Atom);
                break;
            case LRoot r:
                sb.Append("sqrt(");
                Write(sb, r.Operand);
                sb.Append(')');
                break;
            case LFunction f:
                sb.Append(f.Name);
                WriteList(sb, f.Arguments, "(", ")", ", ");
                break;
            case LSumOver o:
                sb.Append("sum(").Append(o.Index).Append(" in ");
                Write(sb, o.Upper);
                sb.Append(", ");
                Write(sb, o.Body);
                sb.Append(')');
                break;
            case LCall c:
                sb.Append(c.Name);
                WriteList(sb, c.Indices, "[", "]");
                if (!c.Derivatives.IsEmpty) sb.Append("'[").Append(string.Join(",", c.Derivatives)).Append(']');
                sb.Append('(');
                for (var k = 0; k < c.Arguments.Length; k++)
                {
                    if (k == c.InputCount && c.InputCount < c.Arguments.Length) sb.Append("; ");
                    else if (k > 0) sb.Append(", ");
                    Write(sb, c.Arguments[k]);
                }
                sb.Append(')');
                break;
            default: throw new InvalidOperationException("unknown layout " + layout.GetType().Name);
        }
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Layout> items, string open, string close, string separator = ",")
    {
        if (items.Count == 0) return;
        sb.Append(open);
        for (var k = 0; k < items.Count; k++)
        {
            if (k > 0) sb.Append(separator);
            Write(sb, items[k]);
        }
        sb.Append(close);
    }
}
