// The `hyphen` package ships CommonJS without types; these are the parts Kring uses.
interface HyphenLanguage {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

declare module 'hyphen/nl/index.js' {
  const language: HyphenLanguage;
  export default language;
}

declare module 'hyphen/en-gb/index.js' {
  const language: HyphenLanguage;
  export default language;
}
