using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CriterionCheck.Numerics.Vectorized;

/// <summary>
/// The two matrix products of an E-step, register-blocked with 256-bit fused multiply-adds: the log-joint
/// of a block of rows at every latent configuration (C += A·B, rows × configurations) and the weighted
/// statistics (S += Qᵀ·T, configurations × statistics). All matrices are dense and row-major. Each output
/// entry is accumulated in a fixed order, so results do not depend on scheduling.
/// </summary>
public static class MatrixProducts
{
    private const int Lanes = 4;
    private const int Tile = 512;
    private const int Panel = 8;

    /// <summary>
    /// c[r, j] += Σ_m a[r, m]·b[m, j] for an <paramref name="rows"/>×<paramref name="inner"/> matrix a and an
    /// <paramref name="inner"/>×<paramref name="columns"/> matrix b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int rows, int inner, int columns)
    {
        if (a.Length < rows * inner || b.Length < inner * columns || c.Length < rows * columns) throw new ArgumentException("the spans are too short for the sizes given");
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        // Columns in tiles, so that a tile of b (inner × Tile) stays in cache while every row passes over it.
        for (var tile = 0; tile < columns; tile += Tile)
        {
            var tileEnd = Math.Min(columns, tile + Tile);
            var vectorEnd = tile + (tileEnd - tile) / (2 * Lanes) * (2 * Lanes);
            var r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                for (var j = tile; j < vectorEnd; j += 2 * Lanes) Block(ref a0, ref b0, ref c0, r, j, inner, columns);
                for (var rr = r; rr < r + 4; rr++) ScalarColumns(ref a0, ref b0, ref c0, rr, vectorEnd, tileEnd, inner, columns);
            }
            for (; r < rows; r++) ScalarColumns(ref a0, ref b0, ref c0, r, tile, tileEnd, inner, columns);
        }
    }

    // A 4 × 8 block of c, held in eight registers over the whole inner dimension.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ref double a0, ref double b0, ref double c0, int r, int j, int inner, int columns)
    {
        ref var cr = ref Unsafe.Add(ref c0, r * columns + j);
        var c00 = Vector256.LoadUnsafe(ref cr); var c01 = Vector256.LoadUnsafe(ref cr, Lanes);
        var c10 = Vector256.LoadUnsafe(ref cr, (nuint)columns); var c11 = Vector256.LoadUnsafe(ref cr, (nuint)(columns + Lanes));
        var c20 = Vector256.LoadUnsafe(ref cr, (nuint)(2 * columns)); var c21 = Vector256.LoadUnsafe(ref cr, (nuint)(2 * columns + Lanes));
        var c30 = Vector256.LoadUnsafe(ref cr, (nuint)(3 * columns)); var c31 = Vector256.LoadUnsafe(ref cr, (nuint)(3 * columns + Lanes));
        ref var ar = ref Unsafe.Add(ref a0, r * inner);
        for (var m = 0; m < inner; m++)
        {
            ref var bm = ref Unsafe.Add(ref b0, m * columns + j);
            var b00 = Vector256.LoadUnsafe(ref bm);
            var b01 = Vector256.LoadUnsafe(ref bm, Lanes);
            var x0 = Vector256.Create(Unsafe.Add(ref ar, m));
            var x1 = Vector256.Create(Unsafe.Add(ref ar, inner + m));
            var x2 = Vector256.Create(Unsafe.Add(ref ar, 2 * inner + m));
            var x3 = Vector256.Create(Unsafe.Add(ref ar, 3 * inner + m));
            c00 = Vector256.FusedMultiplyAdd(x0, b00, c00); c01 = Vector256.FusedMultiplyAdd(x0, b01, c01);
            c10 = Vector256.FusedMultiplyAdd(x1, b00, c10); c11 = Vector256.FusedMultiplyAdd(x1, b01, c11);
            c20 = Vector256.FusedMultiplyAdd(x2, b00, c20); c21 = Vector256.FusedMultiplyAdd(x2, b01, c21);
            c30 = Vector256.FusedMultiplyAdd(x3, b00, c30); c31 = Vector256.FusedMultiplyAdd(x3, b01, c31);
        }
        c00.StoreUnsafe(ref cr); c01.StoreUnsafe(ref cr, Lanes);
        c10.StoreUnsafe(ref cr, (nuint)columns); c11.StoreUnsafe(ref cr, (nuint)(columns + Lanes));
        c20.StoreUnsafe(ref cr, (nuint)(2 * columns)); c21.StoreUnsafe(ref cr, (nuint)(2 * columns + Lanes));
        c30.StoreUnsafe(ref cr, (nuint)(3 * columns)); c31.StoreUnsafe(ref cr, (nuint)(3 * columns + Lanes));
    }

    /// <summary>Where entry (m, j) of an inner×columns matrix goes in the panel layout of <see cref="MultiplyAddPacked"/>.</summary>
    public static int PackedIndex(int m, int j, int inner) => ((j / Panel) * inner + m) * Panel + j % Panel;

    /// <summary>The length of the panel layout of an inner×columns matrix (columns padded to a multiple of 8 with zeros).</summary>
    public static int PackedLength(int inner, int columns) => (columns + Panel - 1) / Panel * Panel * inner;

    /// <summary>
    /// c[r, j] += Σ_m a[r, m]·b[m, j] with b in panels of eight columns, each stored m by m
    /// (<see cref="PackedIndex"/>), so that the inner loop reads b contiguously whatever the number of columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddPacked(ReadOnlySpan<double> a, ReadOnlySpan<double> packed, Span<double> c, int rows, int inner, int columns)
    {
        if (a.Length < rows * inner || packed.Length < PackedLength(inner, columns) || c.Length < rows * columns) throw new ArgumentException("the spans are too short for the sizes given");
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var p0 = ref MemoryMarshal.GetReference(packed);
        Span<double> tail = stackalloc double[4 * Panel];
        var panels = (columns + Panel - 1) / Panel;
        for (var panel = 0; panel < panels; panel++)
        {
            var j = panel * Panel;
            var width = Math.Min(Panel, columns - j);
            ref var b = ref Unsafe.Add(ref p0, panel * inner * Panel);
            var r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
                ref var ar = ref Unsafe.Add(ref a0, r * inner);
                for (var m = 0; m < inner; m++)
                {
                    var b00 = Vector256.LoadUnsafe(ref b, (nuint)(m * Panel));
                    var b01 = Vector256.LoadUnsafe(ref b, (nuint)(m * Panel + Lanes));
                    var x0 = Vector256.Create(Unsafe.Add(ref ar, m));
                    var x1 = Vector256.Create(Unsafe.Add(ref ar, inner + m));
                    var x2 = Vector256.Create(Unsafe.Add(ref ar, 2 * inner + m));
                    var x3 = Vector256.Create(Unsafe.Add(ref ar, 3 * inner + m));
                    c00 = Vector256.FusedMultiplyAdd(x0, b00, c00); c01 = Vector256.FusedMultiplyAdd(x0, b01, c01);
                    c10 = Vector256.FusedMultiplyAdd(x1, b00, c10); c11 = Vector256.FusedMultiplyAdd(x1, b01, c11);
                    c20 = Vector256.FusedMultiplyAdd(x2, b00, c20); c21 = Vector256.FusedMultiplyAdd(x2, b01, c21);
                    c30 = Vector256.FusedMultiplyAdd(x3, b00, c30); c31 = Vector256.FusedMultiplyAdd(x3, b01, c31);
                }
                c00.CopyTo(tail); c01.CopyTo(tail[Lanes..]);
                c10.CopyTo(tail[Panel..]); c11.CopyTo(tail[(Panel + Lanes)..]);
                c20.CopyTo(tail[(2 * Panel)..]); c21.CopyTo(tail[(2 * Panel + Lanes)..]);
                c30.CopyTo(tail[(3 * Panel)..]); c31.CopyTo(tail[(3 * Panel + Lanes)..]);
                for (var rr = 0; rr < 4; rr++)
                    for (var k = 0; k < width; k++) c[(r + rr) * columns + j + k] += tail[rr * Panel + k];
            }
            for (; r < rows; r++)
                for (var k = 0; k < width; k++)
                {
                    var sum = 0.0;
                    for (var m = 0; m < inner; m++) sum = Math.FusedMultiplyAdd(a[r * inner + m], packed[(panel * inner + m) * Panel + k], sum);
                    c[r * columns + j + k] += sum;
                }
        }
    }

    /// <summary>
    /// s[j, m] += Σ_r q[r, j]·t[r, m] for an <paramref name="rows"/>×<paramref name="columns"/> matrix q and an
    /// <paramref name="rows"/>×<paramref name="width"/> matrix t (s is <paramref name="columns"/>×<paramref name="width"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposeMultiplyAdd(ReadOnlySpan<double> q, ReadOnlySpan<double> t, Span<double> s, int rows, int columns, int width)
    {
        if (q.Length < rows * columns || t.Length < rows * width || s.Length < columns * width) throw new ArgumentException("the spans are too short for the sizes given");
        ref var q0 = ref MemoryMarshal.GetReference(q);
        ref var t0 = ref MemoryMarshal.GetReference(t);
        ref var s0 = ref MemoryMarshal.GetReference(s);
        var j = 0;
        for (; j + 4 <= columns; j += 4)
        {
            var m = 0;
            for (; m + 2 * Lanes <= width; m += 2 * Lanes)
            {
                Vector256<double> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default, s30 = default, s31 = default;
                for (var r = 0; r < rows; r++)
                {
                    ref var tr = ref Unsafe.Add(ref t0, r * width + m);
                    var t00 = Vector256.LoadUnsafe(ref tr);
                    var t01 = Vector256.LoadUnsafe(ref tr, Lanes);
                    ref var qr = ref Unsafe.Add(ref q0, r * columns + j);
                    var w0 = Vector256.Create(qr);
                    var w1 = Vector256.Create(Unsafe.Add(ref qr, 1));
                    var w2 = Vector256.Create(Unsafe.Add(ref qr, 2));
                    var w3 = Vector256.Create(Unsafe.Add(ref qr, 3));
                    s00 = Vector256.FusedMultiplyAdd(w0, t00, s00); s01 = Vector256.FusedMultiplyAdd(w0, t01, s01);
                    s10 = Vector256.FusedMultiplyAdd(w1, t00, s10); s11 = Vector256.FusedMultiplyAdd(w1, t01, s11);
                    s20 = Vector256.FusedMultiplyAdd(w2, t00, s20); s21 = Vector256.FusedMultiplyAdd(w2, t01, s21);
                    s30 = Vector256.FusedMultiplyAdd(w3, t00, s30); s31 = Vector256.FusedMultiplyAdd(w3, t01, s31);
                }
                ref var sj = ref Unsafe.Add(ref s0, j * width + m);
                Add(ref sj, 0, s00); Add(ref sj, Lanes, s01);
                Add(ref sj, width, s10); Add(ref sj, width + Lanes, s11);
                Add(ref sj, 2 * width, s20); Add(ref sj, 2 * width + Lanes, s21);
                Add(ref sj, 3 * width, s30); Add(ref sj, 3 * width + Lanes, s31);
            }
            for (var jj = j; jj < j + 4; jj++) ScalarWidth(ref q0, ref t0, ref s0, jj, m, rows, columns, width);
        }
        for (; j < columns; j++) ScalarWidth(ref q0, ref t0, ref s0, j, 0, rows, columns, width);
    }

    private static void Add(ref double target, int offset, Vector256<double> v) =>
        (Vector256.LoadUnsafe(ref target, (nuint)offset) + v).StoreUnsafe(ref target, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarColumns(ref double a0, ref double b0, ref double c0, int r, int from, int to, int inner, int columns)
    {
        for (var j = from; j < to; j++)
        {
            var sum = Unsafe.Add(ref c0, r * columns + j);
            for (var m = 0; m < inner; m++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref a0, r * inner + m), Unsafe.Add(ref b0, m * columns + j), sum);
            Unsafe.Add(ref c0, r * columns + j) = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarWidth(ref double q0, ref double t0, ref double s0, int j, int from, int rows, int columns, int width)
    {
        for (var m = from; m < width; m++)
        {
            var sum = 0.0;
            for (var r = 0; r < rows; r++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref q0, r * columns + j), Unsafe.Add(ref t0, r * width + m), sum);
            Unsafe.Add(ref s0, j * width + m) += sum;
        }
    }
}
