using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// LaTeX math-mode markup (no surrounding <c>$</c>). Greek parameter names become Greek letters,
/// indices become subscripts, and <c>sigma2</c> becomes σ², as in the paper (see <see cref="Name"/>).
/// </summary>
public static class LatexPrinter
{
    private static readonly FrozenSet<string> Greek = new[]
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The LaTeX of <paramref name="e"/>.</summary>
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, Layout.Of(e));
        return sb.ToString();
    }

    /// <summary>
    /// The LaTeX for a variable name (with no indices). Trailing digits stay in the name (<c>z1</c> → z1,
    /// <c>mu1</c> → μ1), so that indices read unambiguously as the subscript (<c>z1[2]</c> → z1₂, not z₁₂);
    /// only <c>sigma2</c> and <c>tau2</c> are the paper's σ² and τ². An underscore makes a subscript
    /// (<c>mu_2</c> → μ₂), braced so that indices can follow it without a "Double subscript" error.
    /// </summary>
    public static string Name(string name)
    {
        if (Greek.Contains(name)) return "\\" + name;
        var parts = name.Split('_');
        if (parts.Length > 1 && parts.All(p => p.Length > 0))
            return "{" + Name(parts[0]) + "_{" + string.Join(",", parts[1..].Select(Name)) + "}}";
        var m = System.Text.RegularExpressions.Regex.Match(name, "^([A-Za-z]+)([0-9]+)$");
        if (m.Success)
        {
            var stem = Name(m.Groups[1].Value);
            return m.Groups[2].Value == "2" && m.Groups[1].Value is "sigma" or "tau" ? stem + "^{2}" : stem + m.Groups[2].Value;
        }
        if (name.All(char.IsAsciiDigit)) return name;
        var escaped = name.Replace("_", "\\_", StringComparison.Ordinal);
        return name.Length == 1 ? escaped : "\\mathit{" + escaped + "}";
    }

    private static void Write(StringBuilder sb, Layout layout, Precedence required = Precedence.Sum)
    {
        // A Σ reaches as far right as it can: inside a product or power it is bracketed.
        if (layout is LSumOver && required > Precedence.Sum)
        {
            sb.Append("\\left(");
            Write(sb, layout);
            sb.Append("\\right)");
            return;
        }
        if (layout.Precedence < required)
        {
            sb.Append("\\left(");
            Write(sb, layout);
            sb.Append("\\right)");
            return;
        }
        switch (layout)
        {
            case LInteger i: sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case LName n:
                sb.Append(n.IsConstant ? (n.Name == "pi" ? "\\pi" : n.Name) : Name(n.Name));
                if (!n.Indices.IsEmpty)
                {
                    sb.Append("_{");
                    WriteJoined(sb, n.Indices, ",");
                    sb.Append('}');
                }
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
            case LProduct p: WriteFactors(sb, p.Factors); break;
            case LFraction f:
                sb.Append("\\frac{");
                if (f.Numerator.IsEmpty) sb.Append('1');
                else WriteFactors(sb, f.Numerator);
                sb.Append("}{");
                WriteFactors(sb, f.Denominator);
                sb.Append('}');
                break;
            case LPower p:
                // A function call as a base is bracketed: (log x)^2, not log x^2.
                // So is a name that already carries a superscript: (σ²)², never σ^{2}^{2}.
                var bracket = p.Base is LFunction or LCall || (p.Base is LName baseName && Name(baseName.Name).Contains('^'));
                Write(sb, p.Base, bracket ? Precedence.Atom + 1 : Precedence.Atom);
                sb.Append("^{");
                Write(sb, p.Exponent);
                sb.Append('}');
                break;
            case LRoot r:
                sb.Append("\\sqrt{");
                Write(sb, r.Operand);
                sb.Append('}');
                break;
            case LFunction f: WriteFunction(sb, f); break;
            case LSumOver o:
                sb.Append("\\sum_{").Append(Name(o.Index)).Append("=1}^{");
                Write(sb, o.Upper);
                sb.Append("} ");
                Write(sb, o.Body, Precedence.Product);
                break;
            case LCall c:
                if (!c.Derivatives.IsEmpty) sb.Append("\\partial_{").Append(string.Join(",", c.Derivatives)).Append("} ");
                sb.Append(Name(c.Name));
                if (!c.Indices.IsEmpty)
                {
                    sb.Append("_{");
                    WriteJoined(sb, c.Indices, ",");
                    sb.Append('}');
                }
                sb.Append("\\left(");
                for (var k = 0; k < c.Arguments.Length; k++)
                {
                    if (k == c.InputCount && c.InputCount < c.Arguments.Length) sb.Append("; ");
                    else if (k > 0) sb.Append(", ");
                    Write(sb, c.Arguments[k]);
                }
                sb.Append("\\right)");
                break;
            default: throw new InvalidOperationException("unknown layout " + layout.GetType().Name);
        }
    }

    private static void WriteFunction(StringBuilder sb, LFunction f)
    {
        var x = f.Arguments[^1];
        switch (f.Kind)
        {
            case FunctionKind.Abs:
                sb.Append("\\left|");
                Write(sb, x);
                sb.Append("\\right|");
                return;
            case FunctionKind.Exp when x is LInteger { Value.IsOne: true }:
                sb.Append('e'); // Euler's number, as in 2πe
                return;
            case FunctionKind.Exp when x.Precedence >= Precedence.Power || x is LNegate { Operand.Precedence: >= Precedence.Power }:
                sb.Append("e^{");
                Write(sb, x);
                sb.Append('}');
                return;
        }
        sb.Append(f.Kind switch
        {
            FunctionKind.Exp => "\\exp",
            FunctionKind.Log => "\\log",
            FunctionKind.Tanh => "\\tanh",
            FunctionKind.Sign => "\\operatorname{sign}",
            FunctionKind.Sigmoid => "\\operatorname{sigmoid}",
            FunctionKind.Logit => "\\operatorname{logit}",
            FunctionKind.Softplus => "\\operatorname{softplus}",
            FunctionKind.LogGamma => "\\log\\Gamma",
            FunctionKind.Polygamma => f.Order == 0 ? "\\psi" : "\\psi^{(" + f.Order.ToString(CultureInfo.InvariantCulture) + ")}",
            _ => throw new InvalidOperationException("unknown function " + f.Kind),
        });
        sb.Append("\\left(");
        Write(sb, x);
        sb.Append("\\right)");
    }

    private static void WriteFactors(StringBuilder sb, IReadOnlyList<Layout> factors)
    {
        for (var k = 0; k < factors.Count; k++)
        {
            // Juxtaposition multiplies, except that two numbers side by side would read as one.
            if (k > 0) sb.Append(factors[k] is LInteger ? " \\cdot " : " ");
            Write(sb, factors[k], Precedence.Power);
        }
    }

    private static void WriteJoined(StringBuilder sb, IReadOnlyList<Layout> items, string separator)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (k > 0) sb.Append(separator);
            Write(sb, items[k]);
        }
    }
}
