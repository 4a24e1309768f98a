using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>What a <see cref="MatrixFunction"/> takes of its square matrix.</summary>
public enum MatrixFunctionKind
{
    /// <summary>One entry (Row, Column) of the inverse, M⁻¹[i,j].</summary>
    InverseEntry,
    /// <summary>log det M.</summary>
    LogDeterminant,
}

/// <summary>
/// An entry of the inverse, or the log-determinant, of a square matrix of expressions, kept whole
/// instead of written out by cofactors: a multivariate normal's precision Σ⁻¹ at any dimension. It
/// evaluates in doubles by Gaussian elimination, a matrix of numbers is inverted exactly in rationals
/// when the node is built (so witnesses stay exact), and it differentiates by d(M⁻¹) = −M⁻¹ dM M⁻¹ and d log det M = tr(M⁻¹ dM).
/// Its constructor knows the two identities a natural-parameter round trip needs, (M⁻¹)⁻¹ = M and
/// log det M⁻¹ = −log det M; everything else treats it as an atom, so nothing that needs M⁻¹M = I is
/// ever proved through it.
/// </summary>
public sealed class MatrixFunction : Expr
{
    /// <summary>Inverse entry or log-determinant.</summary>
    public MatrixFunctionKind Kind { get; }

    /// <summary>The matrix's side n.</summary>
    public int Side { get; }

    /// <summary>The matrix's entries, row-major (n² of them).</summary>
    public ImmutableArray<Expr> Entries { get; }

    /// <summary>The inverse entry's row (0-based); 0 for a log-determinant.</summary>
    public int Row { get; }

    /// <summary>The inverse entry's column (0-based); 0 for a log-determinant.</summary>
    public int Column { get; }

    private MatrixFunction(MatrixFunctionKind kind, int side, ImmutableArray<Expr> entries, int row, int column)
        : base(HashCode.Combine(0x3A, kind, side, row, column, EntriesHash(entries)))
    {
        Kind = kind;
        Side = side;
        Entries = entries;
        Row = row;
        Column = column;
    }

    private static int EntriesHash(ImmutableArray<Expr> entries)
    {
        var h = new HashCode();
        foreach (var e in entries) h.Add(e);
        return h.ToHashCode();
    }

    /// <summary>M⁻¹[row, column] (0-based) of the n×n matrix with row-major <paramref name="entries"/>.</summary>
    /// <exception cref="SymbolicException">The entries do not make a square matrix, or the position is outside it.</exception>
    public static Expr Inverse(IEnumerable<Expr> entries, int row, int column)
    {
        var (side, array) = Square(entries);
        if (row < 0 || row >= side || column < 0 || column >= side)
            throw new SymbolicException($"an {side}×{side} matrix has no entry ({row + 1}, {column + 1})");
        if (side == 1) return Power.Of(array[0], Number.MinusOne);
        // (N⁻¹)⁻¹ = N: the matrix is exactly the inverse of one matrix N, entry by entry.
        if (InverseOf(array, side) is { } inner) return inner.Entries[row * side + column];
        // A matrix of numbers has an exact inverse (so witnesses stay exact).
        if (Numbers(array) is { } numbers)
            return Exact(numbers, side).Inverse is { } exact ? Number.Of(exact[row * side + column]) : throw new SymbolicException("the inverse of a singular matrix is undefined");
        // A symmetric matrix has a symmetric inverse: one node for (i, j) and (j, i).
        if (row > column && IsSymmetricMatrix(array, side)) (row, column) = (column, row);
        return new MatrixFunction(MatrixFunctionKind.InverseEntry, side, array, row, column);
    }

    /// <summary>log det M of the n×n matrix with row-major <paramref name="entries"/>.</summary>
    /// <exception cref="SymbolicException">The entries do not make a square matrix.</exception>
    public static Expr LogDeterminant(IEnumerable<Expr> entries)
    {
        var (side, array) = Square(entries);
        if (side == 1) return FunctionCall.Log(array[0]);
        if (Numbers(array) is { } numbers) return FunctionCall.Log(Number.Of(Exact(numbers, side).Determinant));
        // log det N⁻¹ = −log det N.
        if (InverseOf(array, side) is { } inner) return Product.Of(Number.MinusOne, new MatrixFunction(MatrixFunctionKind.LogDeterminant, side, inner.Entries, 0, 0));
        return new MatrixFunction(MatrixFunctionKind.LogDeterminant, side, array, 0, 0);
    }

    /// <summary>The same function of another matrix (entries rewritten by a caller), simplified again.</summary>
    public Expr With(IEnumerable<Expr> entries) =>
        Kind == MatrixFunctionKind.InverseEntry ? Inverse(entries, Row, Column) : LogDeterminant(entries);

    /// <summary>
    /// A node that stands for <paramref name="m"/>'s matrix alone (its log-determinant node, built without
    /// simplification): equal for every function of the same matrix, so callers can share one inversion.
    /// </summary>
    public static Expr LogDeterminantKey(MatrixFunction m) =>
        m.Kind == MatrixFunctionKind.LogDeterminant ? m : new MatrixFunction(MatrixFunctionKind.LogDeterminant, m.Side, m.Entries, 0, 0);

    /// <summary>The matrix's entry (i, j), 0-based.</summary>
    public Expr Entry(int i, int j) => Entries[i * Side + j];

    /// <summary>Another entry of the same matrix's inverse.</summary>
    public Expr InverseEntry(int i, int j) => Inverse(Entries, i, j);

    // The matrix N when every entry (i, j) of `entries` is N⁻¹[i, j].
    private static MatrixFunction? InverseOf(ImmutableArray<Expr> entries, int side)
    {
        if (entries[0] is not MatrixFunction { Kind: MatrixFunctionKind.InverseEntry } first || first.Side != side) return null;
        var symmetric = first.IsSymmetric;
        for (var i = 0; i < side; i++)
            for (var j = 0; j < side; j++)
            {
                var (r, c) = symmetric && i > j ? (j, i) : (i, j);
                if (entries[i * side + j] is not MatrixFunction { Kind: MatrixFunctionKind.InverseEntry } m
                    || m.Row != r || m.Column != c || m.Side != side || !m.Entries.SequenceEqual(first.Entries))
                    return null;
            }
        return first;
    }

    private static Rational[]? Numbers(ImmutableArray<Expr> entries)
    {
        var values = new Rational[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is not Number n) return null;
            values[i] = n.Value;
        }
        return values;
    }

    // Gauss–Jordan elimination in exact rationals: the inverse (null when singular) and the determinant.
    private static (Rational[]? Inverse, Rational Determinant) Exact(Rational[] matrix, int n)
    {
        var a = (Rational[])matrix.Clone();
        var inverse = new Rational[n * n];
        for (var i = 0; i < n * n; i++) inverse[i] = i % (n + 1) == 0 ? Rational.One : Rational.Zero;
        var determinant = Rational.One;
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).FirstOrDefault(r => !a[r * n + col].IsZero, -1);
            if (pivot < 0) return (null, Rational.Zero);
            if (pivot != col)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[pivot * n + j], a[col * n + j]) = (a[col * n + j], a[pivot * n + j]);
                    (inverse[pivot * n + j], inverse[col * n + j]) = (inverse[col * n + j], inverse[pivot * n + j]);
                }
                determinant = -determinant;
            }
            determinant *= a[col * n + col];
            var scale = Rational.One / a[col * n + col];
            for (var j = 0; j < n; j++) { a[col * n + j] *= scale; inverse[col * n + j] *= scale; }
            for (var r = 0; r < n; r++)
            {
                if (r == col || a[r * n + col].IsZero) continue;
                var f = a[r * n + col];
                for (var j = 0; j < n; j++) { a[r * n + j] -= f * a[col * n + j]; inverse[r * n + j] -= f * inverse[col * n + j]; }
            }
        }
        return (inverse, determinant);
    }

    /// <summary>True when the matrix equals its transpose, entry by entry (a covariance slice), so its inverse does too.</summary>
    public bool IsSymmetric => IsSymmetricMatrix(Entries, Side);

    private static bool IsSymmetricMatrix(ImmutableArray<Expr> entries, int side)
    {
        for (var i = 0; i < side; i++)
            for (var j = i + 1; j < side; j++)
                if (!entries[i * side + j].Equals(entries[j * side + i])) return false;
        return true;
    }

    private static (int Side, ImmutableArray<Expr> Entries) Square(IEnumerable<Expr> entries)
    {
        ImmutableArray<Expr> array = [.. entries];
        var side = (int)Math.Round(Math.Sqrt(array.Length));
        if (side < 1 || side * side != array.Length) throw new SymbolicException($"a square matrix needs n² entries, not {array.Length}");
        return (side, array);
    }

    internal override int Rank => 10;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => Entries;
    private protected override bool StructurallyEquals(Expr other) =>
        other is MatrixFunction o && o.Kind == Kind && o.Side == Side && o.Row == Row && o.Column == Column && o.Entries.SequenceEqual(Entries);
}
