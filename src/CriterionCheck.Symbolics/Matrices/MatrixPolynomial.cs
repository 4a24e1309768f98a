using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Symbolics.Matrices;

/// <summary>
/// A linear combination of products of matrix atoms with scalar coefficients — Σ[c]⁻¹μ[c], −½Σ[c]⁻¹ —
/// in a canonical form: products are words over <see cref="MatrixAtom"/>s in which a matrix next to its
/// inverse has cancelled (Σ⁻¹Σ = I), and like words are collected. The empty word is the identity.
/// Enough algebra for the multivariate normal at any dimension D, with no entry ever written out.
/// </summary>
public sealed class MatrixPolynomial
{
    private readonly Dictionary<string, (ImmutableArray<MatrixAtom> Word, Expr Coefficient)> terms;

    private MatrixPolynomial(Dictionary<string, (ImmutableArray<MatrixAtom>, Expr)> terms) => this.terms = terms;

    /// <summary>The words with their nonzero-looking coefficients, in a deterministic order.</summary>
    public IEnumerable<(ImmutableArray<MatrixAtom> Word, Expr Coefficient)> Terms => terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value);

    /// <summary>The zero matrix.</summary>
    public static MatrixPolynomial Zero => new([]);

    /// <summary>The single atom <paramref name="atom"/>.</summary>
    public static MatrixPolynomial Of(MatrixAtom atom) => Word([atom], Number.One);

    /// <summary><paramref name="coefficient"/> times the word <paramref name="word"/> (cancelled).</summary>
    public static MatrixPolynomial Word(IEnumerable<MatrixAtom> word, Expr coefficient)
    {
        var result = Zero;
        result.Add(Cancel(word), coefficient);
        return result;
    }

    /// <summary>The sum.</summary>
    public static MatrixPolynomial operator +(MatrixPolynomial a, MatrixPolynomial b)
    {
        var result = new MatrixPolynomial(new(a.terms));
        foreach (var (word, c) in b.terms.Values) result.Add(word, c);
        return result;
    }

    /// <summary>The difference.</summary>
    public static MatrixPolynomial operator -(MatrixPolynomial a, MatrixPolynomial b) => a + (-1 * b);

    /// <summary>A scalar multiple.</summary>
    public static MatrixPolynomial operator *(Expr s, MatrixPolynomial a)
    {
        var result = Zero;
        foreach (var (word, c) in a.terms.Values) result.Add(word, s * c);
        return result;
    }

    /// <summary>The product (noncommutative), words joined and cancelled where they meet.</summary>
    public static MatrixPolynomial operator *(MatrixPolynomial a, MatrixPolynomial b)
    {
        var result = Zero;
        foreach (var (u, cu) in a.terms.Values)
            foreach (var (v, cv) in b.terms.Values)
                result.Add(Cancel(u.Concat(v)), cu * cv);
        return result;
    }

    /// <summary>
    /// The directional derivative: the product rule over every word, with d(A⁻¹) = −A⁻¹ dA A⁻¹ and
    /// dA given by <paramref name="direction"/> (null: constant).
    /// </summary>
    public MatrixPolynomial Derivative(Func<MatrixAtom, MatrixPolynomial?> direction)
    {
        var result = Zero;
        foreach (var (word, c) in terms.Values)
            for (var i = 0; i < word.Length; i++)
            {
                var atom = word[i];
                var plain = atom.Inverse ? atom.Inverted() : atom;
                if (direction(plain) is not { } d) continue;
                var dAtom = atom.Inverse ? -1 * (Of(atom) * d * Of(atom)) : d;
                result += c * (Word(word.Take(i), Number.One) * dAtom * Word(word.Skip(i + 1), Number.One));
            }
        return result;
    }

    /// <summary>True when every coefficient is proved zero by <paramref name="zeroTest"/>.</summary>
    public bool IsZero(ZeroTest zeroTest) => terms.Values.All(t => t.Coefficient.IsZero || zeroTest.Prove(t.Coefficient));

    /// <summary>The polynomial as text: Sigma[c]^-1*mu[c] - 1/2*Sigma[c]^-1.</summary>
    public override string ToString()
    {
        var parts = Terms.Where(t => !t.Coefficient.IsZero).Select(t =>
        {
            var word = t.Word.IsEmpty ? "I" : string.Join("*", t.Word);
            if (t.Coefficient.IsOne) return word;
            if (t.Coefficient.Equals(Number.MinusOne)) return "-" + word;
            return t.Coefficient is Number or Symbol ? $"{t.Coefficient}*{word}" : $"({t.Coefficient})*{word}";
        }).ToList();
        return parts.Count == 0 ? "0" : string.Join(" + ", parts).Replace("+ -", "- ", StringComparison.Ordinal);
    }

    /// <summary>The polynomial in LaTeX: \Sigma_{c}^{-1} \mu_{c} - \frac{1}{2} \Sigma_{c}^{-1}.</summary>
    /// <param name="name">How a matrix's name is written (d\Sigma for a direction named dSigma); LaTeX's own rendering by default.</param>
    public string ToLatex(Func<string, string>? name = null)
    {
        var written = name ?? Printing.LatexPrinter.Name;
        string Atom(MatrixAtom a) =>
            (a.Lead.IsEmpty ? written(a.Name) : $"{written(a.Name)}_{{{string.Join(",", a.Lead.Select(Printing.LatexPrinter.Print))}}}") + (a.Inverse ? "^{-1}" : "");
        var parts = Terms.Where(t => !t.Coefficient.IsZero).Select(t =>
        {
            var word = t.Word.IsEmpty ? "I" : string.Join(" ", t.Word.Select(Atom));
            if (t.Coefficient.IsOne) return word;
            if (t.Coefficient.Equals(Number.MinusOne)) return "-" + word;
            var c = Printing.LatexPrinter.Print(t.Coefficient);
            return t.Coefficient is Number or Symbol or Product ? $"{c} {word}" : $"\\left({c}\\right) {word}";
        }).ToList();
        return parts.Count == 0 ? "0" : string.Join(" + ", parts).Replace("+ -", "- ", StringComparison.Ordinal);
    }

    private void Add(ImmutableArray<MatrixAtom> word, Expr coefficient)
    {
        if (coefficient.IsZero) return;
        var key = string.Join("·", word);
        var sum = terms.TryGetValue(key, out var known) ? known.Coefficient + coefficient : coefficient;
        if (sum.IsZero) terms.Remove(key);
        else terms[key] = (word, sum);
    }

    // A matrix next to its own inverse cancels, as often as it meets one.
    private static ImmutableArray<MatrixAtom> Cancel(IEnumerable<MatrixAtom> word)
    {
        var stack = new List<MatrixAtom>();
        foreach (var atom in word)
        {
            if (stack.Count > 0 && stack[^1].Cancels(atom)) stack.RemoveAt(stack.Count - 1);
            else stack.Add(atom);
        }
        return [.. stack];
    }
}
