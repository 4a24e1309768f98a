using CsCheck;

namespace CriterionCheck.Symbolics.Tests.Properties;

/// <summary>
/// Runs a property over cases drawn from a generator with a fixed PCG seed, so every run checks the
/// same cases (CsCheck's own Sample re-seeds after the first iteration).
/// </summary>
public static class Property
{
    public static void ForAll<T>(Gen<T> gen, ulong seed, int cases, Action<T, int> assert)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < cases; i++)
        {
            var value = gen.Generate(pcg, null!, out _);
            try { assert(value, i); }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith("case "))
            {
                throw new Xunit.Sdk.XunitException($"case {i} (seed {seed}) failed for {value}: {e.Message}");
            }
        }
    }
}
