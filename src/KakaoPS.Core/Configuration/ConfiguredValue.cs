using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KakaoPS.Logging;
using KakaoPS.Resources;

namespace KakaoPS.Configuration
{
    /// <summary>A setting's value and where it came from: <c>$env:NAME</c> or <c>NAME in /path/.env</c>.</summary>
    internal sealed class ConfiguredValue
    {
        internal ConfiguredValue(string name, string value, string source, string? dotEnvPath)
        {
            Name = name;
            Value = value;
            Source = source;
            DotEnvPath = dotEnvPath;
        }

        /// <summary>The setting's name, e.g. AUTHORIZATION_CODE.</summary>
        public string Name { get; }

        public string Value { get; }

        /// <summary>Where the value was found, for messages.</summary>
        public string Source { get; }

        /// <summary>The .env file it came from, or null when it came from the environment.</summary>
        public string? DotEnvPath { get; }

        public override string ToString() => Source;
    }
}
