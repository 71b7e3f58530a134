using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace KakaoPS.Tests.Design;

/// <summary>
/// Which namespace of an assembly uses which, read from the compiled code: base types, interfaces,
/// fields, signatures, attributes, local variables and every type, method and field a method body
/// names in its IL (so a <c>using</c> that is never used is no arrow, and a fully qualified call is one).
/// Compiler-made types (closures, async state machines) count for the type they were made for.
/// </summary>
public sealed class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OneByte = new();
    private static readonly Dictionary<short, OpCode> TwoByte = new();

    private readonly string _root;
    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), string> _examples = new();

    static NamespaceGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            (code.Size == 1 ? OneByte : TwoByte)[code.Value] = code;
        }
    }

    /// <param name="types">The types to read.</param>
    /// <param name="root">Only namespaces at or under this one are nodes.</param>
    public NamespaceGraph(IEnumerable<Type> types, string root)
    {
        _root = root;
        foreach (var type in types)
        {
            var from = NamespaceOf(type);
            if (from == null)
            {
                continue;
            }

            foreach (var used in Referenced(type))
            {
                var to = NamespaceOf(used);
                if (to != null && to != from && UsesOf(from).Add(to))
                {
                    _examples[(from, to)] = $"{type.FullName} uses {used.FullName}";
                }
            }
        }
    }

    private HashSet<string> UsesOf(string from)
    {
        if (!_uses.TryGetValue(from, out var to))
        {
            _uses[from] = to = new HashSet<string>(StringComparer.Ordinal);
        }

        return to;
    }

    public static NamespaceGraph Of(string root, params Assembly[] assemblies) => new(assemblies.SelectMany(a => a.GetTypes()), root);

    /// <summary>The namespaces <paramref name="from"/> uses directly.</summary>
    public IReadOnlyCollection<string> Uses(string from) => _uses.TryGetValue(from, out var to) ? to : (IReadOnlyCollection<string>)Array.Empty<string>();

    /// <summary>One type that makes the arrow, to say where a cycle comes from.</summary>
    public string Example(string from, string to) => _examples.TryGetValue((from, to), out var example) ? example : "?";

    /// <summary>Every group of namespaces that use each other, each with the arrows that close it (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<string> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<string>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Uses(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);

                if (group.Count > 1)
                {
                    var arrows = group.SelectMany(a => Uses(a).Where(group.Contains).Select(b => $"{a} -> {b} ({Example(a, b)})"));
                    cycles.Add(string.Join(", ", group.Order(StringComparer.Ordinal)) + ":\n    " + string.Join("\n    ", arrows.Order(StringComparer.Ordinal)));
                }
            }
        }

        foreach (var node in _uses.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private string? NamespaceOf(Type type)
    {
        while (type.HasElementType)
        {
            type = type.GetElementType()!;
        }

        if (type.IsGenericParameter)
        {
            return null;
        }

        var outer = type;
        while (outer.DeclaringType != null)
        {
            outer = outer.DeclaringType;
        }

        var name = outer.Namespace;
        return name != null && (name == _root || name.StartsWith(_root + ".", StringComparison.Ordinal)) ? name : null;
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t == null)
            {
                return;
            }

            found.Add(t);
            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
                {
                    Add(argument.ArgumentType);
                    if (argument.Value is Type typeArgument)
                    {
                        Add(typeArgument);
                    }
                }
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        AddAttributes(type.GetCustomAttributesData());
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
            AddAttributes(field.GetCustomAttributesData());
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
            AddAttributes(property.GetCustomAttributesData());
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
                AddAttributes(parameter.GetCustomAttributesData());
            }

            AddAttributes(method.GetCustomAttributesData());
            var body = method.GetMethodBody();
            if (body == null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType);
            }

            foreach (var named in TokensIn(body.GetILAsByteArray() ?? Array.Empty<byte>()).Select(token => Resolve(method, token)))
            {
                switch (named)
                {
                    case Type t:
                        Add(t);
                        break;
                    case MethodBase m:
                        Add(m.DeclaringType);
                        if (m is MethodInfo mi)
                        {
                            Add(mi.ReturnType);
                            if (mi.IsGenericMethod)
                            {
                                foreach (var argument in mi.GetGenericArguments())
                                {
                                    Add(argument);
                                }
                            }
                        }

                        foreach (var parameter in m.GetParameters())
                        {
                            Add(parameter.ParameterType);
                        }

                        break;
                    case FieldInfo f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }

        return found;
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null; // a string or signature token
        }
    }

    /// <summary>The metadata tokens a method body names (types, methods, fields), read opcode by opcode.</summary>
    private static IEnumerable<int> TokensIn(byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            OpCode code;
            if (il[position] == 0xFE)
            {
                code = TwoByte[(short)(0xFE00 | il[position + 1])];
                position += 2;
            }
            else
            {
                code = OneByte[il[position]];
                position += 1;
            }

            switch (code.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + 4 * count;
                    break;
                default:
                    position += 4; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    break;
            }
        }
    }
}
