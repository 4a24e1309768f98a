using System.Numerics;

namespace CriterionCheck.Symbolics.Core;

/// <summary>Factorisation of small integers, so that log 6 − log 2 − log 3 is recognised as zero.</summary>
public static class PrimeFactors
{
    // Trial division is exhaustive only below this bound; larger integers are left whole.
    private const long Limit = 1_000_000_000_000;

    /// <summary>Prime → multiplicity for 1 ≤ n &lt; 10¹², or null when n is outside that range.</summary>
    public static IReadOnlyList<(BigInteger Prime, int Multiplicity)>? Of(BigInteger n)
    {
        if (n < 1 || n >= Limit) return null;
        var m = (long)n;
        var result = new List<(BigInteger, int)>();
        for (long p = 2; p * p <= m; p++)
        {
            var k = 0;
            while (m % p == 0) { m /= p; k++; }
            if (k > 0) result.Add((p, k));
        }
        if (m > 1) result.Add((m, 1));
        return result;
    }
}
