namespace CodeFirst.Definitions;

/// <summary>The JSON kinds a params property may have (JSON Schema's type names).</summary>
public enum DagParamKind
{
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}
