using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Godwit.Storage;

/// <summary>
/// Reads one entity type's columns from a plain <see cref="DbDataReader"/> the way EF Core's own
/// materializer does: the table, the columns, each column's reader method and value conversion all
/// come from the model, so the model stays the one description of the tables. For the rare read so
/// hot that it runs on kept, prepared statements instead of through EF Core's query pipeline.
/// </summary>
internal sealed class EntityReader<T> : IEntityReader
    where T : class
{
    private readonly Func<DbDataReader, int, T> read;

    public EntityReader(IEntityType entityType, string alias)
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToList();
        Alias = alias;
        Table = Quote(entityType.GetSchema() is { } schema ? $"{schema}\".\"{table}" : table);
        Columns = string.Join(", ", properties.Select(p => $"{Quote(alias)}.{Quote(p.GetColumnName(store)!)}"));
        ColumnCount = properties.Count;
        read = Compile(properties);
    }

    public string Alias { get; }

    /// <summary>The table's name, quoted (with its schema when it has one).</summary>
    public string Table { get; }

    /// <summary>Every mapped column, qualified by the alias, in the order <see cref="Read"/> expects them.</summary>
    public string Columns { get; }

    public int ColumnCount { get; }

    /// <summary>A new entity from the current row, whose columns start at <paramref name="offset"/>.</summary>
    public T Read(DbDataReader reader, int offset) => read(reader, offset);

    public object ReadBoxed(DbDataReader reader, int offset) => read(reader, offset);

    public static string Quote(string identifier) => $"\"{identifier}\"";

    /// <summary>The column of a property, qualified by <see cref="Alias"/>.</summary>
    public string Column(IProperty property) =>
        $"{Quote(Alias)}.{Quote(property.GetColumnName(StoreObjectIdentifier.Table(property.DeclaringType.GetTableName()!, property.DeclaringType.GetSchema()))!)}";

    private static Func<DbDataReader, int, T> Compile(IReadOnlyList<IProperty> properties)
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var offset = Expression.Parameter(typeof(int), "offset");
        var entity = Expression.Variable(typeof(T), "entity");
        var body = new List<Expression> { Expression.Assign(entity, Expression.New(typeof(T))) };
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var member = property.GetMemberInfo(forMaterialization: true, forSet: true);
            var memberType = member is PropertyInfo info ? info.PropertyType : ((FieldInfo)member).FieldType;
            var ordinal = Expression.Add(offset, Expression.Constant(i));
            var value = ReadValue(property, reader, ordinal, memberType);
            if (property.IsNullable)
            {
                value = Expression.Condition(Expression.Call(reader, IsDbNull, ordinal), Expression.Default(memberType), value);
            }

            body.Add(member is FieldInfo { IsInitOnly: true } readOnlyField
                // A get-only auto-property's backing field: expressions cannot assign it, reflection can (as EF Core does).
                ? Expression.Call(Expression.Constant(readOnlyField), SetFieldValue, entity, Expression.Convert(value, typeof(object)))
                : Expression.Assign(Expression.MakeMemberAccess(entity, member), value));
        }

        body.Add(entity);
        return Expression.Lambda<Func<DbDataReader, int, T>>(Expression.Block([entity], body), reader, offset).Compile();
    }

    /// <summary>The column's value as EF Core reads it: the mapping's reader method, then its value converter.</summary>
    private static Expression ReadValue(IProperty property, ParameterExpression reader, Expression ordinal, Type memberType)
    {
        var mapping = property.GetRelationalTypeMapping();
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(reader, mapping.GetDataReaderMethod(), ordinal));
        if (mapping.Converter is { } converter)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = Expression.Invoke(fromProvider, Expression.Convert(value, fromProvider.Parameters[0].Type));
        }

        return value.Type == memberType ? value : Expression.Convert(value, memberType);
    }

    private static readonly MethodInfo SetFieldValue = typeof(FieldInfo).GetMethod(nameof(FieldInfo.SetValue), [typeof(object), typeof(object)])!;

    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
}

/// <summary>An <see cref="EntityReader{T}"/> whose type is known only from the model.</summary>
internal interface IEntityReader
{
    string Table { get; }

    string Columns { get; }

    string Column(IProperty property);

    object ReadBoxed(DbDataReader reader, int offset);
}
