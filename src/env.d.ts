// The one platform type the core uses: ES modules know their own URL in every runtime (Node,
// browsers, bundlers), but the ES2022 lib does not declare it (@types/node and lib.dom do).
interface ImportMeta {
  url: string;
}
