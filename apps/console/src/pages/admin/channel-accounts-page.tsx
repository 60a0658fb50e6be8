import { PageHeader } from '../../components/page-header';

/** Placeholder until the screen is built. */
export default function Page() {
  return <PageHeader title="channel-accounts-page" />;
}
