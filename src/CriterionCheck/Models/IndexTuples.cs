namespace CriterionCheck.Models;

/// <summary>Enumerates 1-based index tuples, row-major, as plates and parameter blocks are laid out.</summary>
public static class IndexTuples
{
    /// <summary>Every tuple over <paramref name="sizes"/>; one empty tuple when there are no sizes.</summary>
    public static IEnumerable<int[]> Over(IReadOnlyList<int> sizes)
    {
        var index = Enumerable.Repeat(1, sizes.Count).ToArray();
        while (true)
        {
            yield return (int[])index.Clone();
            var axis = sizes.Count - 1;
            while (axis >= 0 && index[axis] == sizes[axis]) index[axis--] = 1;
            if (axis < 0) yield break;
            index[axis]++;
        }
    }
}
