import type { Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/login${query}`);
  }

  private async submit(form: 'sign-up' | 'sign-in', email: string, password: string) {
    const scope = this.page.getByTestId(`${form}-form`);
    await scope.getByLabel('Email').fill(email);
    await scope.getByLabel('Password').fill(password);
    await scope.getByRole('button').click();
  }

  signUp(email: string, password: string) {
    return this.submit('sign-up', email, password);
  }

  signIn(email: string, password: string) {
    return this.submit('sign-in', email, password);
  }

  error(form: 'sign-up' | 'sign-in') {
    return this.page.getByTestId(`${form}-form`).getByRole('alert');
  }
}
