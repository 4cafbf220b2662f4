import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getSessionUser } from '../utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  throw redirect((await getSessionUser(request)) ? '/plans' : '/login')
}
