import { h, uid } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';
import type { WidgetTexts } from '../texts/index.ts';

export interface ChatMenuActions {
  download(format: 'txt' | 'html'): void;
  email(address: string): void;
  end(): void;
}

/** "Save or end": a disclosure with the transcript downloads, the e-mail form and ending the chat. */
export function createChatMenu(i18n: I18n, actions: ChatMenuActions) {
  const regionId = uid('svar-menu');
  const toggle = h('button', {
    type: 'button',
    class: 'icon-button menu-toggle',
    'aria-expanded': 'false',
    'aria-controls': regionId,
  });
  toggle.appendChild(h('span', { 'aria-hidden': 'true' }, '⋯'));
  toggle.appendChild(i18n.bind(h('span', { class: 'visually-hidden' }), (t) => t.menu));

  const result = h('p', { class: 'menu-result', role: 'status' });
  const button = (pick: (t: WidgetTexts) => string, onClick: () => void): HTMLButtonElement => {
    const b = i18n.bind(h('button', { type: 'button', class: 'button' }), pick);
    b.addEventListener('click', onClick);
    return b;
  };
  const emailInput = h('input', {
    type: 'email',
    id: uid('svar-tmail'),
    autocomplete: 'email',
    required: true,
  });
  const emailForm = h(
    'form',
    { class: 'email-form' },
    i18n.bind(h('label', { for: emailInput.id }), (t) => t.emailLabel),
    h(
      'div',
      { class: 'row' },
      emailInput,
      i18n.bind(h('button', { type: 'submit', class: 'button' }), (t) => t.emailSend),
    ),
  );
  emailForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const address = emailInput.value.trim();
    if (!emailInput.checkValidity() || !address) {
      emailInput.setAttribute('aria-invalid', 'true');
      emailInput.focus();
      return;
    }
    emailInput.removeAttribute('aria-invalid');
    actions.email(address);
  });

  const region = h(
    'div',
    { id: regionId, class: 'menu', hidden: true },
    i18n.bind(h('h3'), (t) => t.saveChat),
    h(
      'div',
      { class: 'row' },
      button(
        (t) => t.downloadTxt,
        () => actions.download('txt'),
      ),
      button(
        (t) => t.downloadHtml,
        () => actions.download('html'),
      ),
    ),
    emailForm,
    button(
      (t) => t.endChat,
      () => actions.end(),
    ),
    result,
  );

  // Ending a chat with a person is asked once more (issue 19); focus goes to the question's first answer.
  const confirmBox = h('div', { class: 'confirm-end', role: 'group', hidden: true });
  region.appendChild(confirmBox);
  const confirmEnd = (onYes: () => void): void => {
    const questionId = uid('svar-confirm');
    const yes = i18n.bind(h('button', { type: 'button', class: 'button primary' }), (t) => t.confirmEndYes);
    const no = i18n.bind(h('button', { type: 'button', class: 'button' }), (t) => t.confirmEndNo);
    const endButton = region.querySelector<HTMLButtonElement>(':scope > .button');
    const done = (): void => {
      confirmBox.hidden = true;
      confirmBox.replaceChildren();
    };
    yes.addEventListener('click', () => {
      done();
      onYes();
    });
    no.addEventListener('click', () => {
      done();
      endButton?.focus();
    });
    confirmBox.setAttribute('aria-labelledby', questionId);
    confirmBox.replaceChildren(
      i18n.bind(h('p', { id: questionId }), (t) => t.confirmEnd),
      h('div', { class: 'row' }, yes, no),
    );
    confirmBox.hidden = false;
    yes.focus();
  };

  const setOpen = (open: boolean): void => {
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(region.hidden));

  return {
    toggle,
    region,
    close: () => setOpen(false),
    get isOpen() {
      return !region.hidden;
    },
    showResult(pick: ((t: WidgetTexts) => string) | undefined): void {
      if (pick) i18n.bind(result, pick);
      else result.textContent = '';
    },
    confirmEnd,
    /** Opens the menu at its e-mail field (the transcript offer after a chat). */
    openEmail(): void {
      setOpen(true);
      emailInput.focus();
    },
  };
}
