// Builds the DeepSeek-style test tokenizer (tests/data/text/) and its reference token ids with @huggingface/tokenizers.
//
// Run once with `npm install && npm run generate`; the outputs are committed and the C++ tests never need node.
// Everything is seeded, so a rerun with the same library version writes the same bytes.
//
// Outputs (tests/data/text/):
//   deepseek-style/tokenizer.json         byte-level BPE with the DeepSeek-LLM pre-tokenizer and the Janus special tokens
//   deepseek-style/tokenizer_config.json  add_bos_token / bos_token / eos_token as the Janus-Pro config has them
//   bpe_reference_cases.json              [{text, ids}], ids from the JavaScript implementation (BOS included)
import { Tokenizer } from "@huggingface/tokenizers";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "..", "tests", "data", "text");
const tokenizerDir = join(outDir, "deepseek-style");
const MERGES = 3000;
const CASES = 1200;

// ---------------------------------------------------------------- seeded randomness (mulberry32)
function makeRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const intIn = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));

// ---------------------------------------------------------------- the DeepSeek-LLM pre-tokenizer, as tokenizer.json holds it
// Split regexes as llama.cpp lists them for DEEPSEEK_LLM (letters of the Latin/Greek/Cyrillic/Armenian/Georgian/... blocks,
// ASCII and full-width punctuation, trailing whitespace, CJK/Hangul), then one token per digit, then ByteLevel without regex.
const LETTERS =
  "A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-\u1f7dᾀ-ᾴᾶ-ᾼ\u1fbeῂ-ῄῆ-ῌῐ-\u1fd3ῖ-\u1fdbῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\u2126ℨ\u212a-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃";
const split = (regex) => ({ type: "Split", pattern: { Regex: regex }, behavior: "Isolated", invert: false });
const PRE_TOKENIZER = {
  type: "Sequence",
  pretokenizers: [
    split("[\r\n]"),
    split(`\\s?[${LETTERS}]+`),
    split("\\s?[!-/:-~！-／：-～‘-‟　-。]+"),
    split("\\s+$"),
    split("[一-龥ࠀ-一가-퟿]+"),
    { type: "Digits", individual_digits: true },
    { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
  ],
};

// The Janus / DeepSeek special strings, added after the BPE vocabulary like the real checkpoint's added tokens.
const BOS = "<｜begin▁of▁sentence｜>";
const EOS = "<｜end▁of▁sentence｜>";
const SPECIALS = [BOS, EOS, "<｜▁pad▁｜>", "<image_placeholder>", "<begin_of_image>", "<end_of_image>"];
const NON_SPECIAL_ADDED = ["<|User|>", "<|Assistant|>"];

// ---------------------------------------------------------------- vocabulary pools for the corpus and the cases
const EN = ("a an the of and to in on at with under above behind next left right of top bottom photo image picture " +
  "red green blue yellow purple orange black white brown pink gray cube sphere cylinder cone triangle square circle " +
  "star heart small large big tiny two three four five one six seven several many shape shapes object objects " +
  "there is are sits stands placed beside between near far scene background table wooden metal glass shiny matte " +
  "dog cat bird car bus train horse apple banana pizza clock chair couch bench bottle cup bowl person people " +
  "generate draw render describe visualise visualize every element prompt each colour color number texture relation " +
  "spatial brief precise words explanation output directly assistant user system reasoning thought image token").split(" ");
const CAPS = ["The", "A", "An", "Two", "Three", "Draw", "Render", "Photo", "Hello", "World", "MILR", "Janus", "GenEval", "OK"];
const LATIN = ["café", "naïve", "façade", "über", "Straße", "niño", "mañana", "déjà", "vu", "Ærø", "smørrebrød", "crème", "brûlée", "Ǆemal", "ǅ"];
const GREEK = ["αβγ", "Ελλάδα", "λόγος", "σφαίρα", "κύβος", "ΩΜΕΓΑ"];
const CYRILLIC = ["Привет", "мир", "красный", "куб", "синяя", "сфера", "ёлка"];
const OTHER_SCRIPTS = ["مرحبا", "שלום", "नमस्ते", "ภาษาไทย", "Ճանապարհ", "ქართული", "ᎠᏍᎦᏯ"];
const ZH = ["红色", "蓝色", "绿色", "黄色", "立方体", "球体", "圆柱", "三角形", "正方形", "一个", "两个", "三个", "在", "左边", "右边",
  "上面", "下面", "的", "和", "图片", "生成", "描述", "每个", "物体", "颜色", "数量", "形状", "关系", "你好", "世界", "龥", "深度求索"];
const JA = ["こんにちは", "カタカナ", "ひらがな", "赤い", "立方体", "です", "ます", "東京", "ラーメン"];
const KO = ["안녕하세요", "빨간", "파란", "정육면체", "구", "세계", "한국어"];
const EMOJI = ["😀", "🎨", "🔴", "🔵", "🟢", "⭐", "❤️", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🇯🇵", "🐱", "🚗", "🍕", "✨", "🧊", "⚽", "🤖"];
const PUNCT = [".", ",", "!", "?", ":", ";", "-", "--", "...", "(", ")", "[", "]", "{", "}", "'", "\"", "'s", "n't", "/", "\\",
  "@", "#", "$", "%", "&", "*", "+", "=", "<", ">", "|", "~", "`", "^", "_", "，", "。", "！", "？", "：", "（", "）", "「", "」",
  "、", "《", "》", "‘", "’", "“", "”", "…", "—", "–", "·", "•", "°", "±", "×", "÷", "€", "£", "¥", "©", "®", "™"];
// Whitespace of many kinds, U+0085 and U+180E included (Oniguruma's \s is White_Space: U+0085 yes, U+180E no).
// Digits are ASCII only: the JavaScript Digits pre-tokenizer tests [0-9] while the Rust one (and the C++ port)
// takes every numeric character (char::is_numeric), so non-ASCII digits would compare two different rules.
const SPACES = [" ", " ", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\r", " \n", "\u000b", "\u000c", "\u00a0", "\u2003", "\u3000", "\u2028", "\u0085", "\u180e", "    "];
const digits = (rng) => String(Math.floor(rng() * 10 ** intIn(rng, 1, 7)));

// Pseudo-words and CJK runs give the corpus a long tail, so training reaches a few thousand merges.
const SYLLABLES = "ka ri to mon el an ver sta lin qu or pre tion ing er ble com pro ex ter ment ness ly de re un in ful less ist ism".split(" ");
const pseudoWord = (rng) => Array.from({ length: intIn(rng, 1, 4) }, () => pick(rng, SYLLABLES)).join("");
const cjkRun = (rng) => Array.from({ length: intIn(rng, 1, 4) }, () => String.fromCodePoint(0x4e00 + intIn(rng, 0, 400))).join("");

function word(rng) {
  const r = rng();
  if (r < 0.40) return pick(rng, EN);
  if (r < 0.47) return pick(rng, CAPS);
  if (r < 0.52) return pick(rng, LATIN);
  if (r < 0.55) return pick(rng, GREEK);
  if (r < 0.58) return pick(rng, CYRILLIC);
  if (r < 0.61) return pick(rng, OTHER_SCRIPTS);
  if (r < 0.71) return pick(rng, ZH);
  if (r < 0.75) return pick(rng, JA);
  if (r < 0.78) return pick(rng, KO);
  if (r < 0.83) return pick(rng, EMOJI);
  if (r < 0.93) return digits(rng);
  return pick(rng, PUNCT);
}

function sentence(rng, length) {
  let s = "";
  for (let i = 0; i < length; ++i) {
    if (i > 0) s += rng() < 0.8 ? " " : rng() < 0.5 ? "" : pick(rng, SPACES);
    s += word(rng);
    if (rng() < 0.15) s += pick(rng, PUNCT);
  }
  return s;
}

// ---------------------------------------------------------------- training corpus and byte-level BPE training
function corpus() {
  const rng = makeRng(20260131);
  const lines = [];
  for (let i = 0; i < 6000; ++i) lines.push(sentence(rng, intIn(rng, 3, 14)));
  for (let i = 0; i < 6000; ++i) {
    lines.push(Array.from({ length: intIn(rng, 2, 10) }, () => (rng() < 0.7 ? pseudoWord(rng) : cjkRun(rng))).join(" "));
  }
  // English-heavy prompts in the GenEval-Shapes style, so the common words become single tokens.
  for (let i = 0; i < 3000; ++i) {
    lines.push(`a photo of ${pick(rng, ["a", "two", "three", "four"])} ${pick(rng, EN)} ${pick(rng, EN)} ` +
      `${pick(rng, ["to the left of", "to the right of", "above", "below", "next to"])} a ${pick(rng, EN)} ${pick(rng, EN)}.`);
  }
  return lines;
}

function gpt2ByteChars() {
  const bs = [];
  for (let b = 33; b <= 126; ++b) bs.push(b);
  for (let b = 161; b <= 172; ++b) bs.push(b);
  for (let b = 174; b <= 255; ++b) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; ++b) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const map = new Array(256);
  bs.forEach((b, i) => (map[b] = String.fromCharCode(cs[i])));
  return map;
}

function tokenizerJson(vocab, merges) {
  const added = [...SPECIALS, ...NON_SPECIAL_ADDED].map((content, i) => ({
    id: Object.keys(vocab).length + i,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: SPECIALS.includes(content),
  }));
  const bosId = added[0].id;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: PRE_TOKENIZER,
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: BOS, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
      pair: [{ SpecialToken: { id: BOS, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: BOS, type_id: 1 } }, { Sequence: { id: "B", type_id: 1 } }],
      special_tokens: { [BOS]: { id: BOS, ids: [bosId], tokens: [BOS] } },
    },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}

const TOKENIZER_CONFIG = {
  add_bos_token: true,
  add_eos_token: false,
  bos_token: { __type: "AddedToken", content: BOS, lstrip: false, normalized: true, rstrip: false, single_word: false },
  eos_token: { __type: "AddedToken", content: EOS, lstrip: false, normalized: true, rstrip: false, single_word: false },
  pad_token: null,
  clean_up_tokenization_spaces: false,
  legacy: true,
  model_max_length: 16384,
  tokenizer_class: "LlamaTokenizer",
};

function train() {
  const byteChars = gpt2ByteChars();
  const baseVocab = {};
  byteChars.forEach((c, i) => (baseVocab[c] = i));
  // A merge-free tokenizer only to run the library's own pre-tokenizer over the corpus.
  const bootstrap = new Tokenizer(tokenizerJson(baseVocab, []), TOKENIZER_CONFIG);
  const counts = new Map();
  for (const line of corpus()) {
    for (const section of bootstrap.splitter_unnormalized.split(line)) {
      for (const w of bootstrap.pre_tokenizer(section)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const words = [...counts.entries()].map(([w, n]) => ({ symbols: Array.from(w), n }));
  const vocab = { ...baseVocab };
  const merges = [];
  for (let m = 0; m < MERGES; ++m) {
    const pairs = new Map();
    for (const { symbols, n } of words) {
      for (let i = 0; i + 1 < symbols.length; ++i) {
        const key = symbols[i] + "\u0000" + symbols[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + n);
      }
    }
    let best = null;
    let bestCount = 0;
    for (const [key, n] of pairs) {
      if (n > bestCount || (n === bestCount && key < best)) {
        best = key;
        bestCount = n;
      }
    }
    if (best === null || bestCount < 2) break;
    const [a, b] = best.split("\u0000");
    merges.push([a, b]);
    vocab[a + b] = Object.keys(vocab).length;
    for (const word of words) {
      const s = word.symbols;
      const out = [];
      for (let i = 0; i < s.length; ++i) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          out.push(a + b);
          ++i;
        } else {
          out.push(s[i]);
        }
      }
      word.symbols = out;
    }
  }
  return tokenizerJson(vocab, merges);
}

// ---------------------------------------------------------------- reference cases
function cases() {
  const rng = makeRng(7);
  const out = ["", " ", "  ", "\n", "\n\n", "\r\n", "Hello world", " Hello", "Hello", "3333", "12345678901234567890",
    BOS, EOS, `${BOS}${EOS}`, `${BOS}Hello`, "<begin_of_image>", "<|User|>: a red cube\n\n<|Assistant|>:<begin_of_image>",
    "User: hi\n\nAssistant:", "a photo of two red cubes", "    leading spaces", "trailing spaces    ", "tabs\t\tand\tmore",
    "你好，世界！", "こんにちは世界", "안녕하세요 세계", "😀😀😀", "👨‍👩‍👧 family", "naïve café", "<image_placeholder>".repeat(3),
    "<begin_of_image<end_of_image>>", "<|User", "<｜▁pad▁｜><｜▁pad▁｜>", "Ǆ ǅ ǆ", "a\u3000b", "x\u00a0y", "end with space "];
  const makers = [
    () => sentence(rng, intIn(rng, 1, 25)),
    () => sentence(rng, intIn(rng, 1, 6)) + pick(rng, SPACES) + sentence(rng, intIn(rng, 1, 6)),
    () => Array.from({ length: intIn(rng, 1, 8) }, () => pick(rng, SPACES)).join("") + sentence(rng, 3),
    () => sentence(rng, 4) + Array.from({ length: intIn(rng, 1, 6) }, () => pick(rng, SPACES)).join(""),
    () => Array.from({ length: intIn(rng, 1, 12) }, () => pick(rng, ZH)).join(rng() < 0.5 ? "" : pick(rng, PUNCT)),
    () => Array.from({ length: intIn(rng, 1, 10) }, () => pick(rng, EMOJI)).join(rng() < 0.5 ? "" : " "),
    () => Array.from({ length: intIn(rng, 1, 6) }, () => digits(rng)).join(pick(rng, [" ", ".", ",", "", "-", "/"])),
    () => sentence(rng, 3) + pick(rng, [...SPECIALS, ...NON_SPECIAL_ADDED]) + sentence(rng, 3),
    () => `<|User|>: ${sentence(rng, intIn(rng, 2, 10))}\n\n<|Assistant|>:<begin_of_image>`,
    () => `${sentence(rng, 8)}\n\nUser: ${sentence(rng, 6)}\n\nAssistant:`,
    () => Array.from({ length: intIn(rng, 2, 6) }, () => sentence(rng, intIn(rng, 1, 8))).join("\n"),
    () => Array.from({ length: intIn(rng, 1, 30) }, () => pick(rng, PUNCT)).join(""),
    () => pick(rng, SPECIALS) + pick(rng, SPECIALS) + sentence(rng, 2) + pick(rng, SPECIALS),
  ];
  while (out.length < CASES) out.push(makers[Math.floor(rng() * makers.length)]());
  return out;
}

const json = train();
const tokenizer = new Tokenizer(json, TOKENIZER_CONFIG);
mkdirSync(tokenizerDir, { recursive: true });
writeFileSync(join(tokenizerDir, "tokenizer.json"), JSON.stringify(json, null, 1) + "\n");
writeFileSync(join(tokenizerDir, "tokenizer_config.json"), JSON.stringify(TOKENIZER_CONFIG, null, 2) + "\n");
const records = cases().map((text) => ({ text, ids: tokenizer.encode(text, { add_special_tokens: true }).ids }));
writeFileSync(join(outDir, "bpe_reference_cases.json"), "[\n" + records.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
console.log(`vocab ${Object.keys(json.model.vocab).length}, merges ${json.model.merges.length}, cases ${records.length}`);
