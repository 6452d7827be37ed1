/** What the header parser returns (see index.ts). Offsets are UTF-16 indices into the normalize()d text. */
import type { DocumentKind } from '../model.js';

export interface Span { start: number; end: number }

export interface HeaderInfo {
  /** true when the text carries an administrative header (national motto or a "Số:" line). */
  formal: boolean;
  kind?: DocumentKind;
  /** How the kind was found: the kind line ("THÔNG BÁO"), the number's type code, or the page style (news). */
  kindSource?: 'kind-line' | 'number-code' | 'news' | 'default';
  number?: string;
  /** 'header' ("Số: …" cell) or 'annex' ("Ban hành kèm theo Thông tư số …" when the header table was lost). */
  numberSource?: 'header' | 'annex';
  issuer?: string;
  parentIssuer?: string;
  /** Issuer lines as written (upper case), top to bottom. */
  issuerRaw?: string[];
  place?: string;
  /** ISO yyyy-mm-dd */
  issuedAt?: string;
  /** Where the date came from: the header date line, "thông qua ngày …" (laws), or a news page date. */
  dateSource?: 'header' | 'adopted' | 'page' | 'annex';
  title?: string;
  signer?: string;
  /** The position line above the signature ("PHÓ GIÁM ĐỐC", "THỨ TRƯỞNG"). */
  signerTitle?: string;
  /** The authority prefix lines ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"), joined with " / ". */
  signerAuthority?: string;
  /** Every signature block of a joint document, in order (the first is signer / signerTitle / signerAuthority). */
  signers?: Array<{ name: string; title: string; authority?: string }>;
  recipients?: string[];
  /** The header region (issuer … title), kept for the "header" passage. */
  headerSpan?: Span;
  /** Motto lines and decorations inside the header, kept out of search. */
  noiseSpans: Span[];
  /** "Nơi nhận" list and signature block (kept out of passages; their content is metadata). */
  tailSpans: Span[];
}
