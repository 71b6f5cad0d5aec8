// A response body as JSON when it is JSON, as text otherwise, null when empty: what both the app's
// API client and the widget's read problem+json answers (and the odd proxy's HTML error) with.
export async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
