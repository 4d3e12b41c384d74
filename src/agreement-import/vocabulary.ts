/**
 * The words the rules look for, Dutch and English side by side. Kept in one place so a new
 * phrasing is one line here, not a change in every extractor.
 */
export const BREACH = /\b(datalek\w*|inbreuk\w*|beveiligingslek\w*|lek|beveiligingsincident\w*|(personal )?data breach\w*|breach\w*|security incidents?)\b/i;
export const NOTIFY = /\b(meld\w*|informeer\w*|informeren|geïnformeerd|op de hoogte|in kennis|kennisgeving|notif\w*|inform(s|ed|ing)?|report(s|ed|ing)?|(informatie|information) (wordt|is|shall be) (gegeven|verstrekt|given|provided))\b/i;
export const UNDUE_DELAY = /\b(zonder onredelijke vertraging|zonder onnodige vertraging|zonder vertraging|onverwijld|onmiddellijk|terstond|without undue delay|without delay|immediately|forthwith)\b/i;
/** "direct" only counts next to a notify verb: "direct alle informatie" or "directe schade" are no deadline. */
export const DIRECT = /\b(meld\w*|informeer\w*|informeren|op de hoogte)\s+(?:\S+\s+){0,3}direct\b|\bdirect\s+(?:\S+\s+){0,3}(meld\w*|informe\w*|op de hoogte)/i;
export const AUTHORITY = /\b([Aa]utoriteit [Pp]ersoonsgegevens|[Tt]oezichthouder|[Ss]upervisory [Aa]uthority|AP|GBA|[Gg]egevensbeschermingsautoriteit|[Aa]rt(?:ikel|icle|\.)?\s?33(?!\s?(?:lid|\()\s?[2-5]))\b/;

export const CLOCK_FIRST = /\b(eerste ontdekking|eerst(e)? (is )?ontdekt|eerste (constatering|kennisname)|first discover\w*|first became aware|first (detected|detection)|(door|bij) (een |de )?sub-?verwerker|(by|at) (a |any |the )?sub-?processor)/i;
export const CLOCK_ESTABLISHED = /\b(vaststellen|vastgesteld|vaststelling|bevestig\w*|established|confirm\w*|determin\w*)\b/i;
export const CLOCK_KNOWN = /\b(bekend (is )?geworden|bekend wordt|kennis (van )?(heeft |had |hebben )?(genomen|gekregen)|kennis (krijgt|neemt)|kennisname|ontdekt|ontdekking|ontdekken|geconstateerd|constatering|became known|becoming aware|becomes aware|became aware|aware|discover\w*|detect\w*|learn\w*)\b/i;

export const SUSPICION_TRUE = /\b(potenti\w*|vermoed\w*|mogelijk\w*|suspected|potential|possible)\)?\s+(\w+\s+)?(datalek\w*|inbreuk\w*|beveiligingslek\w*|lek|(personal data )?breach\w*)|\b(vermoeden|suspicion)\s+(van|of)\)?\s+(een|a)\s+(datalek|inbreuk|(personal data )?breach)|\b(actual or suspected|suspected or actual|werkelijke? of vermoede|vermoede of werkelijke?)\b/i;
export const SUSPICION_FALSE = /\b(alleen|slechts|uitsluitend) (als|indien|wanneer)\b.{0,300}?\b(daadwerkelijk|werkelijk|feitelijk)\b|\bonly (if|when)\b.{0,300}?\b(actually|in fact)\b/i;
export const IMPACT_TRUE = /\b(ongeacht (de )?(impact|gevolgen|ernst|omvang)|regardless of (its |the )?(impact|severity|consequences|risk)|irrespective of (its |the )?(impact|severity|risk)|melding moet altijd|altijd (worden )?(ge)?meld\w*|(iedere|elke) (inbreuk|datalek|beveiligingsincident|beveiligingslek)|(any|every) (personal data )?breach)/i;
export const IMPACT_FALSE = /\b(alleen|slechts|uitsluitend) (als|indien|wanneer)\b.{0,300}?\b(risico|nadelige gevolgen|ernstige)\b|\bonly (if|where|when)\b.{0,300}?\b(risk|adverse)\b/i;

export const STAND_IN = /\b(bij afwezigheid|afwezigheid|vervang\w*|plaatsvervang\w*|in (his |her |their )?absence|absence|deputy|substitute|stand-?in)\b/i;
export const CONTROLLER_SIDE = /\b(verwerkingsverantwoordelijke|verwerkersverantwoordelijke|verantwoordelijke|controller|klant|opdrachtgever|afnemer)\b/i;
export const PROCESSOR_SIDE = /\b(verwerker|processor|leverancier|opdrachtnemer|supplier)\b/i;
