// @ts-check
import { api, describeError } from '../api.js';
import { announce, clear, formatDateTime, h } from '../dom.js';

const KINDS = {
  incorrect: 'Onjuist',
  incomplete: 'Onvolledig',
  unclear: 'Onduidelijk',
  outdated: 'Verouderd',
  'cannot-find': 'Kon het niet vinden',
};
const STATUS = { open: 'Open', in_progress: 'In behandeling', resolved: 'Opgelost', rejected: 'Afgewezen' };

/** Terugmelding: report a problem with this article, and see what the editors did with earlier ones. */
export async function feedbackPanel(article, parts) {
  const mine = h('div', { id: 'my-feedback' });
  const message = h('p', { role: 'status' });
  const kind = h(
    'select',
    { id: 'fb-kind', name: 'kind' },
    Object.entries(KINDS).map(([value, label]) => h('option', { value }, label)),
  );
  const section = h(
    'select',
    { id: 'fb-section', name: 'section' },
    h('option', { value: '' }, 'Het hele artikel'),
    parts.map((p) => h('option', { value: p.key.replace(/^sections\./, '') }, p.title)),
  );
  const comment = h('textarea', { id: 'fb-comment', name: 'comment', required: true, minlength: 3, maxlength: 4000, rows: 4 });
  const form = h(
    'form',
    { id: 'feedback-form', 'aria-labelledby': 'fb-title' },
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('label', { for: 'fb-kind' }, 'Wat is er mis?'), kind),
      h('div', {}, h('label', { for: 'fb-section' }, 'Welk deel?'), section),
    ),
    h('div', { class: 'field' }, h('label', { for: 'fb-comment' }, 'Toelichting'), comment),
    message,
    h('button', { type: 'submit' }, 'Terugmelding versturen'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/articles/${article.id}/feedback`, {
        method: 'POST',
        body: { kind: kind.value, section: section.value || undefined, comment: comment.value },
      });
      comment.value = '';
      message.className = 'notice ok';
      message.textContent = 'Bedankt, uw terugmelding is naar de redactie gestuurd.';
      announce('Terugmelding verstuurd');
      await load();
    } catch (error) {
      message.className = 'notice error';
      message.textContent = describeError(error);
    }
  });

  const load = async () => {
    clear(mine);
    try {
      const { body } = await api('/api/feedback/mine?limit=100');
      const items = body.items.filter((f) => f.article.id === article.id);
      if (!items.length) return;
      mine.append(
        h('h3', {}, 'Uw eerdere terugmeldingen'),
        h(
          'ul',
          {},
          items.map((f) =>
            h(
              'li',
              {},
              h('strong', {}, `${f.kindLabel ?? KINDS[f.kind]} – ${STATUS[f.status] ?? f.status}`),
              ` (${formatDateTime(f.createdAt)}): ${f.comment}`,
              f.reply ? h('p', { class: 'notice ok' }, `Antwoord van de redactie: ${f.reply}`) : null,
            ),
          ),
        ),
      );
    } catch {
      // The list is a courtesy; the form works without it.
    }
  };
  await load();
  return h('section', { class: 'card', 'aria-labelledby': 'fb-title' }, h('h2', { id: 'fb-title' }, 'Terugmelding'), form, mine);
}
