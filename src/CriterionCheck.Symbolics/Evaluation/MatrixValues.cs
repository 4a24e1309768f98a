namespace CriterionCheck.Symbolics.Evaluation;

/// <summary>
/// The numeric side of <see cref="Core.MatrixFunction"/>: the inverse and log-determinant of a small
/// dense matrix by Gauss–Jordan elimination with partial pivoting. A singular matrix gives NaN entries
/// and a log-determinant of −∞; a matrix with a negative determinant gives NaN for log det, as log does.
/// </summary>
public static class MatrixValues
{
    /// <summary>
    /// The n×n inverse of the row-major <paramref name="matrix"/> followed by its log-determinant: n² + 1
    /// values. The input is not changed.
    /// </summary>
    public static double[] InverseAndLogDeterminant(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var result = new double[n * n + 1];
        for (var i = 0; i < n; i++) result[i * n + i] = 1;
        var logAbs = 0.0;
        var negative = false;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(a[r * n + col]) > Math.Abs(a[pivot * n + col])) pivot = r;
            var p = a[pivot * n + col];
            if (p == 0 || !double.IsFinite(p))
            {
                Array.Fill(result, double.NaN);
                result[n * n] = p == 0 ? double.NegativeInfinity : double.NaN;
                return result;
            }
            if (pivot != col)
            {
                Swap(a, pivot, col, n);
                Swap(result, pivot, col, n);
                negative = !negative;
            }
            logAbs += Math.Log(Math.Abs(p));
            if (p < 0) negative = !negative;
            var scale = 1 / p;
            for (var j = 0; j < n; j++) { a[col * n + j] *= scale; result[col * n + j] *= scale; }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = a[r * n + col];
                if (f == 0) continue;
                for (var j = 0; j < n; j++) { a[r * n + j] -= f * a[col * n + j]; result[r * n + j] -= f * result[col * n + j]; }
            }
        }
        result[n * n] = negative ? double.NaN : logAbs;
        return result;
    }

    private static void Swap(double[] m, int r1, int r2, int n)
    {
        for (var j = 0; j < n; j++) (m[r1 * n + j], m[r2 * n + j]) = (m[r2 * n + j], m[r1 * n + j]);
    }
}
