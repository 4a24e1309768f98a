using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// Determinant and adjugate of small square matrices of expressions by cofactor expansion (with the
/// minors memoised), exact and division-free. Meant for the few dimensions a
/// full-covariance family is written out for symbolically.
/// </summary>
public static class SymbolicMatrix
{
    /// <summary>The determinant of <paramref name="m"/>.</summary>
    public static Expr Determinant(Expr[,] m)
    {
        var n = m.GetLength(0);
        var memo = new Dictionary<(int Row, int Columns), Expr>();
        return Minor(m, 0, (1 << n) - 1, memo);
    }

    /// <summary>
    /// The adjugate of <paramref name="m"/>, so that m⁻¹ = adj(m) / det(m); kept apart from the
    /// determinant so that callers can divide a whole sum once and print it readably.
    /// </summary>
    public static Expr[,] Adjugate(Expr[,] m)
    {
        var n = m.GetLength(0);
        var result = new Expr[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                // (A⁻¹)_ij = (−1)^(i+j) · det(A without row j and column i) / det A.
                var sub = new Expr[n - 1, n - 1];
                for (int r = 0, rr = 0; r < n; r++)
                {
                    if (r == j) continue;
                    for (int c = 0, cc = 0; c < n; c++)
                    {
                        if (c == i) continue;
                        sub[rr, cc++] = m[r, c];
                    }
                    rr++;
                }
                var cofactor = n == 1 ? Number.One : Determinant(sub);
                result[i, j] = (i + j) % 2 == 0 ? cofactor : -cofactor;
            }
        return result;
    }

    // Expansion along row `row` over the columns in the bit set `columns`.
    private static Expr Minor(Expr[,] m, int row, int columns, Dictionary<(int, int), Expr> memo)
    {
        if (columns == 0) return Number.One;
        if (memo.TryGetValue((row, columns), out var known)) return known;
        var terms = new List<Expr>();
        var sign = 1;
        for (var c = 0; c < m.GetLength(1); c++)
        {
            if ((columns & (1 << c)) == 0) continue;
            var entry = m[row, c];
            if (!entry.IsZero) terms.Add(sign * entry * Minor(m, row + 1, columns & ~(1 << c), memo));
            sign = -sign;
        }
        var result = Sum.Of(terms);
        memo[(row, columns)] = result;
        return result;
    }
}
