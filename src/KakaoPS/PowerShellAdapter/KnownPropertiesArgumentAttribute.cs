using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Lets objects with more properties than a parameter's type knows bind to it: an Import-Csv
    /// row or a Select-Object result keeps only the properties the type has, matched by name.
    /// Hashtables are left to PowerShell, so a mistyped key there is still an error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class KnownPropertiesArgumentAttribute : ArgumentTransformationAttribute
    {
        private readonly string[] _names;

        public KnownPropertiesArgumentAttribute(Type type)
        {
            _names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToArray();
        }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is IList list && !(value is string))
            {
                return list.Cast<object?>().Select(item => Trim(item)).ToArray();
            }

            return Trim(inputData);
        }

        private object? Trim(object? item)
        {
            if (!(item is PSObject wrapped) || !(wrapped.BaseObject is PSCustomObject))
            {
                return item;
            }

            var trimmed = new PSObject();
            foreach (var property in wrapped.Properties)
            {
                var name = _names.FirstOrDefault(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase));
                if (name != null)
                {
                    trimmed.Properties.Add(new PSNoteProperty(name, property.Value));
                }
            }

            return trimmed;
        }
    }
}
