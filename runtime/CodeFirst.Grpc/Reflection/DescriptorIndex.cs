using Google.Protobuf.Reflection;

namespace CodeFirst.Grpc.Reflection;

/// <summary>Every file reachable from the mapped services, by file name, by symbol and by extension.</summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);
    private readonly List<FieldDescriptor> _extensions = [];

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            AddFile(service.File);
        }
    }

    public FileDescriptor? FindFile(string name) => _files.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _symbols.GetValueOrDefault(symbol.TrimStart('.'));

    public FieldDescriptor? FindExtension(string containingType, int number) =>
        _extensions.FirstOrDefault(e => e.ExtendeeType.FullName == containingType.TrimStart('.') && e.FieldNumber == number);

    /// <summary>The extension numbers of a message type; null when the type is unknown.</summary>
    public IReadOnlyList<int>? FindExtensionNumbers(string messageType)
    {
        var name = messageType.TrimStart('.');
        return _messageTypes.Contains(name)
            ? [.. _extensions.Where(e => e.ExtendeeType.FullName == name).Select(e => e.FieldNumber).Order()]
            : null;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        AddExtensions(file, file.Extensions.UnorderedExtensions);
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _symbols.TryAdd(message.FullName, file);
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        AddExtensions(file, message.Extensions.UnorderedExtensions);
    }

    private void AddExtensions(FileDescriptor file, IEnumerable<FieldDescriptor> extensions)
    {
        foreach (var extension in extensions)
        {
            _symbols.TryAdd(extension.FullName, file);
            _extensions.Add(extension);
        }
    }
}
